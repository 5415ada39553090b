"""Small valid files for every layout, written out by hand. UPNs are built with the check letter the DfE's
algorithm gives (worked by hand in test_upn.py); each sample's counts are written beside it."""

from __future__ import annotations

from pathlib import Path

from sendboard.extracts.layouts import LAYOUTS
from sendboard.extracts.upn import upn_with_check_letter


def upn(n: int) -> str:
    return upn_with_check_letter(f"?885123425{n:03d}")


U1, U2, U3, U4, U5 = (upn(n) for n in range(1, 6))

SAMPLES: dict[str, list[str]] = {
    "extract_census": [
        f"885,2025-01-16,{U1},123456,5,PR,2015-03-10,M,WBRI,N,N,,N,N",
        f"885,2025-01-16,{U2},123456,5,PR,2014-11-02,F,AIND,Y,K,SLCN,N,Y",
        f"885,2025-01-16,{U3},654321,9,SP,2011-05-20,M,WBRI,Y,E,ASD,Y,N",
    ],
    "extract_suspensions": [
        f"885,{U1},123456,2024/25,2024-10-07,SUS,2.0,PD",
        f"885,{U1},123456,2024/25,2025-02-03,PERM,0.0,PA",
        f"885,{U2},123456,2024/25,2024-11-12,SUS,1.5,VA",
    ],
    "extract_attendance": [
        f"885,{U1},123456,2024/25,380,20",
        f"885,{U2},123456,2024/25,380,45",
    ],
    "extract_attainment": [
        f"885,{U1},2024/25,KS2,RWM_EXP,1",
        f"885,{U3},2024/25,KS4,ATT8,45.50",
        f"885,{U3},2024/25,KS4,EM_GRADE4,0",
    ],
    "extract_neet": [
        f"885,CCIS0000001,{U4},2008-01-15,2024-12,EET,,N",
        "885,CCIS0000002,,2007-03-02,2024-12,NEET,540,K",
        "885,CCIS0000002,,2007-03-02,2025-01,NOT_KNOWN,810,K",
    ],
    "extract_youth_justice": [
        f"885,YJ000001,{U5},2009-06-01,2024-09-01,2024-11-30,E",
        "885,YJ000002,,2010-02-01,2024-09-01,2024-11-30,N",
    ],
    "extract_health_waits": [
        "885,speech_and_language,2024-12,Herefordshire and Worcestershire Health and Care NHS Trust,900,300,50,14.5",
        '885,audiology,2024-12,"Worcestershire Acute Hospitals NHS Trust, audiology",300,40,0,',
    ],
    "extract_plan_audits": [
        f"885,{U3},2021-06-01,2025-03-10,3",
        "885,,,2025-03-11,2",
    ],
}


def sample_file(
    folder: Path, kind: str, rows: list[str] | None = None, header: list[str] | None = None, name: str | None = None
) -> Path:
    path = folder / (name or f"{kind}.csv")
    lines = [
        ",".join(header if header is not None else LAYOUTS[kind].header),
        *(SAMPLES[kind] if rows is None else rows),
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def with_cell(kind: str, row: int, column: str, value: str) -> list[str]:
    """The sample's rows with one cell changed (row counts from 0 among the data rows)."""
    index = LAYOUTS[kind].header.index(column)
    rows = [line for line in SAMPLES[kind]]
    cells = rows[row].split(",") if '"' not in rows[row] else None
    assert cells is not None, "pick a row without quoted cells"
    cells[index] = value
    rows[row] = ",".join(cells)
    return rows
