"""An import-linter contract for submodules of external packages (e.g. PySide6.QtWidgets).

import-linter's own ``forbidden`` contract only knows external packages by their top
name (``PySide6``), which cannot tell QtWidgets from QtGui. This contract reads the
import lines grimp records for that top name and flags those naming a forbidden submodule.
Only direct imports count: an indirect path always runs through a package the layers
contract already governs.
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ForbiddenSubmoduleContract(Contract):
    """Source packages must not import any of the listed submodules of external packages."""

    type_name = "forbidden_submodule"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())
    allowed_importers = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        """Collect every direct import of a forbidden submodule from a source package."""
        violations: list[dict[str, object]] = []
        allowed = self.allowed_importers or []  # type: ignore[attr-defined]
        for source in self.source_modules:  # type: ignore[attr-defined]
            if source not in graph.modules:
                raise ValueError(f"Module '{source}' does not exist.")
            importers = sorted(
                module for module in {source} | graph.find_descendants(source)
                if not any(module == a or module.startswith(a + ".") for a in allowed)
            )
            for forbidden in self.forbidden_modules:  # type: ignore[attr-defined]
                top, _, rest = forbidden.partition(".")
                # "import P.Sub", "from P.Sub import x", "from P.Sub.deeper import x", "from P import Sub".
                pattern = re.compile(
                    rf"\b{re.escape(forbidden)}\b|\bfrom\s+{re.escape(top)}\s+import\b.*\b{re.escape(rest)}\b"
                )
                for importer in importers:
                    if top not in graph.find_modules_directly_imported_by(importer):
                        continue
                    for detail in graph.get_import_details(importer=importer, imported=top):
                        if pattern.search(detail["line_contents"]):
                            violations.append({
                                "importer": importer,
                                "forbidden": forbidden,
                                "line_number": detail["line_number"],
                                "line_contents": detail["line_contents"],
                            })
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        """List each offending import with its line."""
        for violation in check.metadata["violations"]:
            output.print_error(
                f"{violation['importer']} imports {violation['forbidden']} "
                f"(l.{violation['line_number']}: {violation['line_contents']})",
                bold=False,
            )
            output.new_line()
