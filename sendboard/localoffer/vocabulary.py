"""The words families use for needs, held as data (``search_vocabulary.csv``, ADR 0082).

Each row with a need code lists words and phrases that mean that SEN2 need ("autism", "autistic", "ASD");
a row without one lists words that mean the same as each other ("diagnosis", "assessment"). A keyword search
reads a need's words as that need, so that the keyword "autism" and the autism need filter find the same
services; other words of a row without a need find any of that row's words.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_WORD = re.compile(r"[a-z0-9']+")


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


@dataclass(frozen=True)
class Vocabulary:
    need_words: dict[str, tuple[str, ...]]  # need code: its words and phrases, normalised
    phrases: tuple[tuple[str, str], ...]  # (phrase, need code), longest first
    alike: dict[str, tuple[str, ...]]  # word: the words that mean the same, itself first


@cache
def vocabulary() -> Vocabulary:
    text = files("sendboard.localoffer").joinpath("search_vocabulary.csv").read_text(encoding="utf-8")
    need_words: dict[str, tuple[str, ...]] = {}
    alike: dict[str, tuple[str, ...]] = {}
    for row in csv.DictReader(text.splitlines()):
        words = tuple(dict.fromkeys(_normal(w) for w in row["words"].split("|") if _normal(w)))
        if row["need"]:
            need_words[row["need"]] = need_words.get(row["need"], ()) + words
        else:
            for word in words:
                alike[word] = (word, *(w for w in words if w != word))
    phrases = tuple(
        sorted(((w, code) for code, ws in need_words.items() for w in ws), key=lambda p: (-len(p[0]), p[0]))
    )
    return Vocabulary(need_words=need_words, phrases=phrases, alike=alike)


@dataclass(frozen=True)
class KeywordReading:
    """What a keyword asks for: needs it names, groups of alike words (any one will do), and the rest."""

    needs: tuple[str, ...]
    alike_groups: tuple[tuple[str, ...], ...]
    rest: str


def keyword_read(keyword: str) -> KeywordReading:
    words = vocabulary()
    text = f" {_normal(keyword)} "
    needs: list[str] = []
    for phrase, code in words.phrases:
        marked = f" {phrase} "
        if marked in text:
            while marked in text:
                text = text.replace(marked, " ")
            if code not in needs:
                needs.append(code)
    groups, rest = [], []
    for word in text.split():
        if word in words.alike:
            groups.append(words.alike[word])
        else:
            rest.append(word)
    return KeywordReading(needs=tuple(needs), alike_groups=tuple(groups), rest=" ".join(rest))


def need_words(code: str) -> tuple[str, ...]:
    return vocabulary().need_words.get(code, ())
