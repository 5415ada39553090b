"""The generated local area (``casework.generated_area``) written as SEN2 files, one per council, to load through
the SEN2 importer like a council's own (ADR 0024, ADR 0090). Here, not in casework, because casework holds the
register and returns build on it, never the other way round (ADR 0111)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sendboard.casework.generated_area import CALIBRATION, DEMO_LA, SCALES, AreaGenerator, rates_for
from sendboard.returns.sen2.writer import write_sen2


def sen2_generated_header(la_code: str, as_of: date) -> dict[str, str]:
    return {
        "Collection": "SEN2",
        "Year": str(as_of.year),
        "ReferenceDate": as_of.isoformat(),
        "SourceLevel": "L",
        "LEA": la_code,
        "SoftwareCode": "sendboard-generated",
        "Release": "1",
        "SerialNo": "001",
        "DMO": "Y",
        "DCO": "Y",
        "DSCO": "Y",
        "DateTime": datetime(as_of.year, as_of.month, as_of.day, 6, 0).isoformat(),
    }


def area_files_generate(
    *,
    size: str,
    out_dir: Path,
    as_of: date,
    seed: int = 885,
    scale: float | None = None,
    caseworker: str | None = "demo.caseworker",
    la_codes: list[str] | None = None,
) -> list[Path]:
    """Write one SEN2 file per council: the demo area for small and county, every council for england. The demo
    area's open cases are allocated to ``caseworker`` and the rest of the team (``caseworker_team``)."""
    scale = SCALES[size] if scale is None else scale
    codes = la_codes or (sorted(CALIBRATION["local_authorities"]) if size == "england" else [DEMO_LA])
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for code in codes:
        generator = AreaGenerator(
            la_code=code,
            rates=rates_for(code, scale=scale),
            seed=seed,
            as_of=as_of,
            caseworker=caseworker if code == DEMO_LA else None,
        )
        path = out_dir / f"sen2-generated-{code}-{size}-{as_of.isoformat()}.xml"
        with path.open("wb") as out:
            write_sen2(out, header=sen2_generated_header(code, as_of), persons=generator.children())
        paths.append(path)
    return paths
