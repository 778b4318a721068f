"""Report files in every format, made at test time by real tools from one ParsedReport."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from editor.core.report import ParsedNode, ParsedReport

CJK_FONT = "Noto Serif CJK TC"
TRUETYPE_CJK_FONT = "AR PL UMing TW"  # fonts-arphic-uming; Noto CJK is OpenType with CFF outlines
TRUETYPE_CJK_POSTSCRIPT = "UMingTW"  # its name inside a PDF


def _heading(node: ParsedNode) -> str:
    separator = "、" if node.level == 1 and not node.number.isdigit() else ". "
    return f"{node.number}{separator}{node.title}"


def to_markdown(report: ParsedReport) -> str:
    """The report as Markdown: front-matter title, an ATX heading per node, its body as paragraphs."""
    out = ["---", f"title: \"{report.title}\"", "---", ""]
    for node in report.walk():
        out += ["#" * node.level + " " + _heading(node), ""]
        for paragraph in node.body.split("\n"):
            if paragraph.strip():
                out += [paragraph, ""]
    return "\n".join(out)


def need(tool: str) -> str:
    """The path of a tool the test needs; its absence fails the test (packaging/system-deps installs it)."""
    found = shutil.which(tool)
    assert found, f"{tool} is not installed (make system-deps installs it)"
    return found


def run(args: list[str], cwd: Path, timeout: float = 300) -> None:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr[-2000:]}"


def pandoc(source: Path, out: Path, *extra: str) -> Path:
    run([need("pandoc"), str(source), "-o", str(out), *extra], cwd=source.parent)
    return out


def soffice(source: Path, target: str, outdir: Path) -> Path:
    """Convert with LibreOffice (``target`` as for --convert-to, e.g. ``pdf`` or ``docx``)."""
    profile = outdir / "lo-profile"
    run([need("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), str(source)], cwd=outdir)
    extension = target.split(":")[0]
    return outdir / f"{source.stem}.{extension}"


def locked_pdf(source: Path, out: Path, password: str = "secret") -> Path:
    """A copy of the PDF that opens only with a password (qpdf, AES-256 as current readers write it)."""
    run([need("qpdf"), "--encrypt", password, password, "256", "--", str(source), str(out)], cwd=out.parent)
    return out


def latex_pdf(markdown: Path, out: Path, bookmarks: bool = True, running_head: str = "", contents: bool = False) -> Path:
    """A PDF made by XeLaTeX from the Markdown (pandoc writes the LaTeX), bookmarks and a table of contents
    (leader dots and page numbers, on the pages before the first chapter) optional."""
    tex = out.with_suffix(".tex")
    header = out.parent / "header.tex"
    lines = [r"\usepackage{xeCJK}", rf"\setCJKmainfont{{{CJK_FONT}}}",
             r'\xeCJKDeclareCharClass{CJK}{"2460 -> "24FF}']  # enclosed numbers such as ⑵ from the CJK font
    if running_head:
        lines += [r"\usepackage{fancyhdr}", r"\pagestyle{fancy}", r"\fancyhf{}",
                  rf"\fancyhead[C]{{{running_head}}}", r"\fancyfoot[C]{第 \thepage{} 頁}"]
    header.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pandoc(markdown, tex, "--standalone", "-H", str(header), "-V", "geometry:margin=2.5cm",
           "-V", "documentclass=article", *([] if bookmarks else ["-V", "hyperrefoptions=bookmarks=false"]),
           *(["--toc"] if contents else []))
    for _ in range(2 if contents else 1):  # the contents are written on the first pass and printed on the second
        run([need("xelatex"), "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=out.parent)
    return out


def chromium_pdf(html: Path, out: Path, *, bookmarks: bool = True, header_footer: bool = False) -> Path:
    """The page printed to PDF by headless Chromium (Skia's PDF backend, as Google Docs exports), bookmarks optional.

    Without a sandbox, as root in CI needs; its profile, cache and home in the output's folder.
    """
    chromium = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                     if (found := shutil.which(name))), None)
    assert chromium, "chromium is not installed (make system-deps installs it)"
    home = out.parent / f"{out.stem}-chromium"
    home.mkdir(exist_ok=True)
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={home}",
            f"--print-to-pdf={out}"]
    args += ["--generate-pdf-document-outline"] if bookmarks else []
    args += [] if header_footer else ["--no-pdf-header-footer"]
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    done = subprocess.run([*args, html.as_uri()], cwd=out.parent, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and out.exists(), f"chromium failed: {done.stderr[-2000:]}"
    return out


def make_sample_files(folder: Path, reference: ParsedReport) -> dict[str, Path]:
    """The sample in every format: Markdown, pandoc's Word file and web page, LibreOffice's and XeLaTeX's PDFs."""
    markdown = folder / "sample.md"
    markdown.write_text(to_markdown(reference), encoding="utf-8")
    files = {"markdown": markdown}
    files["docx"] = pandoc(markdown, folder / "sample.docx")
    page = pandoc(markdown, folder / "page.html", "--standalone").read_text(encoding="utf-8")
    page = page.replace("<body>", "<body><nav><a href='/'>首頁</a> › <a href='/r'>研究報告</a></nav>"
                        "<div class='download-box'>下載本文檔</div>", 1)
    page = page.replace("</body>", "<footer>版權所有 © 文檔網</footer><div id='comments'>評論 提交評論</div></body>")
    files["html"] = folder / "sample.html"
    files["html"].write_text(page, encoding="utf-8")
    files["libreoffice_pdf"] = soffice(files["docx"], "pdf", folder)
    # LibreOffice's own Word file (its styles, numbering and settings parts, not pandoc's).
    (folder / "lo").mkdir()
    files["libreoffice_docx"] = soffice(files["docx"], "docx:MS Word 2007 XML", folder / "lo")
    files["latex_pdf"] = latex_pdf(markdown, folder / "latex.pdf", running_head="內部資料")
    (folder / "contents").mkdir()
    files["latex_pdf_contents"] = latex_pdf(markdown, folder / "contents" / "latex.pdf", contents=True)
    for kind in ("latex_pdf", "libreoffice_pdf", "latex_pdf_contents"):
        files[f"{kind}_no_bookmarks"] = without_bookmarks(files[kind], folder / f"{kind}_no_bookmarks.pdf")
    return files


def without_bookmarks(source: Path, out: Path) -> Path:
    """A copy of the PDF with its outline (bookmarks) taken out, the pages as they were."""
    writer = PdfWriter(clone_from=PdfReader(source))
    if "/Outlines" in writer._root_object:
        del writer._root_object["/Outlines"]
    with open(out, "wb") as stream:
        writer.write(stream)
    return out
