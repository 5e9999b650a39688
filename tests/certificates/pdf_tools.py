"""Reading certificates as a person's tools would: text with pypdf, QR codes with zbar."""

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

needs_pdf_tools = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")) and not os.environ.get("CI"),
    reason="needs poppler-utils and zbar-tools (installed in CI)",
)


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def decode_qr(content: bytes) -> str:
    """Render the PDF's first page at 150 dpi and read the QR code on it."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "certificate.pdf"
        source.write_bytes(content)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(source), f"{folder}/page"],
            check=True,
        )
        image = next(Path(folder).glob("page*.png"))
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
        )
    return result.stdout.strip()
