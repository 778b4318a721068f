"""The window's actions, menus and tool bar, built in one place and listed in the shortcuts dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from editor.ui.agreement_dialog import open_agreement_dialog
from editor.ui.conflicts_dialog import open_conflicts_dialog
from editor.ui.export_pdf_dialog import add_pdf_export_action
from editor.ui.exports import DATA_FORMATS
from editor.ui.i18n import plain_label, QT_TRANSLATE_NOOP, translate
from editor.ui.merge_dialog import open_merge_dialog
from editor.ui.palette import HIGHLIGHT_COLORS, swatch_icon


@dataclass
class WindowActions:
    """Every QAction of the main window, by purpose."""

    new_database: QAction
    open_database: QAction
    import_report: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    add_tag: QAction
    edit_note: QAction
    highlight: QAction
    find: QAction
    preferences: QAction
    next_node: QAction
    previous_node: QAction
    expand_all: QAction
    collapse_all: QAction
    clear_filter: QAction
    shortcuts: QAction
    about: QAction
    share_copy: QAction
    merge: QAction
    show_colleagues: QAction
    agreement: QAction
    review_conflicts: QAction
    text_scripts: dict[str, QAction] = field(default_factory=dict)  # View › Show text, by Script value
    export_pdf: QAction | None = None
    export_data: dict[str, QAction] = field(default_factory=dict)  # by format code: json, csv, md, w3c, qdpx
    rate: list[QAction] = field(default_factory=list)  # index = value (0 clears)
    # The second and third dimensions (Likelihood, Confidence): Shift+0–5 and Alt+0–5.
    rate_more: list[list[QAction]] = field(default_factory=list)
    highlight_colors: list[QAction] = field(default_factory=list)
    recent_menu: QMenu | None = None
    export_menu: QMenu | None = None
    analysis_menu: QMenu | None = None
    report_menu: QMenu | None = None

    def follow_undo_stack(self, stack: QUndoStack) -> None:
        """Keep Undo/Redo enabled and named after the next step of ``stack`` (a new one per database)."""
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        # Slots of objects owned by the actions: a stack that outlives the window's actions (its
        # session is deleted later) then has nobody left to call, instead of deleted actions.
        undo_name = _StepName.of(self.undo, QT_TRANSLATE_NOOP("MainWindow", "&Undo"),
                                 QT_TRANSLATE_NOOP("MainWindow", "&Undo {action}"))
        redo_name = _StepName.of(self.redo, QT_TRANSLATE_NOOP("MainWindow", "&Redo"),
                                 QT_TRANSLATE_NOOP("MainWindow", "&Redo {action}"))
        stack.undoTextChanged.connect(undo_name.show)
        stack.redoTextChanged.connect(redo_name.show)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        undo_name.show(stack.undoText())
        redo_name.show(stack.redoText())

    def needing_report(self) -> list[QAction]:
        """Actions that work on the shown report: switched off while there is none."""
        return [a for a in (self.export_pdf, *self.export_data.values(), self.agreement) if a is not None]

    def editing(self) -> list[QAction]:
        """Actions that change the database: switched off for a read-only one."""
        more = [action for row in self.rate_more for action in row]
        return [self.add_tag, self.edit_note, self.highlight, self.merge, *self.rate, *more, *self.highlight_colors]


class _StepName(QObject):
    """Names an Undo or Redo action after the step it would take; lives (and dies) with the action."""

    def __init__(self, action: QAction, plain: str, named: str) -> None:
        super().__init__(action)
        self.setObjectName("StepName")
        self._action, self._plain, self._named = action, plain, named

    @classmethod
    def of(cls, action: QAction, plain: str, named: str) -> _StepName:
        """The action's namer, made on first use."""
        return action.findChild(cls, "StepName") or cls(action, plain, named)

    @Slot(str)
    def show(self, step: str) -> None:
        """Set the action's text for the next step (``step`` empty: no step)."""
        self._action.setText(QCoreApplication.translate("MainWindow", self._named).format(action=step) if step
                             else QCoreApplication.translate("MainWindow", self._plain))


def _action(window: QMainWindow, text: str, slot: Callable[[], object], shortcuts: tuple[str, ...] = (),
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(window) -> WindowActions:
    """Create actions wired to ``window``'s slots, the menu bar and the tool bar."""
    a = WindowActions(
        new_database=_action(window, translate("MainWindow", "&New database…"), window.new_database_dialog,
                             ("Ctrl+Shift+N",), translate("MainWindow", "Start an empty annotation database")),
        open_database=_action(window, translate("MainWindow", "&Open database…"), window.open_database_dialog,
                              ("Ctrl+O",), translate("MainWindow", "Open another annotation database")),
        import_report=_action(window, translate("MainWindow", "&Import report…"), window.import_report_dialog,
                              ("Ctrl+Shift+I",), translate("MainWindow", "Read a report file into this database")),
        quit=_action(window, translate("MainWindow", "&Quit"), window.close, ("Ctrl+Q",)),
        undo=_action(window, translate("MainWindow", "&Undo"), window.undo, ("Ctrl+Z",)),
        redo=_action(window, translate("MainWindow", "&Redo"), window.redo, ("Ctrl+Shift+Z", "Ctrl+Y")),
        add_tag=_action(window, translate("MainWindow", "Add &tag"), window.focus_tag_entry, ("T", "Ctrl+T"),
                        translate("MainWindow", "Type a tag for the current node")),
        edit_note=_action(window, translate("MainWindow", "Edit &note"), window.focus_note, ("N", "Ctrl+E"),
                          translate("MainWindow", "Write your note on the current node")),
        highlight=_action(window, translate("MainWindow", "&Highlight selection"), window.highlight_selection,
                          ("H", "Ctrl+H"), translate("MainWindow", "Highlight the text selected in the reading pane")),
        find=_action(window, translate("MainWindow", "&Find…"), window.focus_filter, ("Ctrl+F",),
                     translate("MainWindow", "Filter the outline by text")),
        preferences=_action(window, translate("MainWindow", "&Preferences…"), window.preferences_dialog, ("Ctrl+,",)),
        next_node=_action(window, translate("MainWindow", "Next node"), lambda: window.tree.move_current(+1), ("J",)),
        previous_node=_action(window, translate("MainWindow", "Previous node"), lambda: window.tree.move_current(-1),
                              ("K",)),
        expand_all=_action(window, translate("MainWindow", "&Expand all"), window.expand_all, ("Ctrl+Shift+E",)),
        collapse_all=_action(window, translate("MainWindow", "&Collapse all"), window.collapse_all,
                             ("Ctrl+Shift+C",)),
        clear_filter=_action(window, translate("MainWindow", "C&lear filter"), window.filter_bar.clear,
                             ("Ctrl+Shift+F",)),
        shortcuts=_action(window, translate("MainWindow", "&Keyboard shortcuts"), window.shortcuts_dialog,
                          ("F1", "Ctrl+/")),
        about=_action(window, translate("MainWindow", "&About Trendmark"), window.about_dialog),
        share_copy=_action(window, translate("MainWindow", "Save a copy for &sharing…"),
                           lambda: window.exports.share_copy_dialog(), (),
                           translate("MainWindow", "Write a copy of this database to hand to a colleague")),
        merge=_action(window, translate("MainWindow", "&Merge a colleague's database…"),
                      lambda: open_merge_dialog(window), (),
                      translate("MainWindow", "Add a colleague's annotations to this database")),
        show_colleagues=_action(window, translate("MainWindow", "&Colleagues' annotations"),
                                lambda: window.set_show_colleagues(window.actions.show_colleagues.isChecked()),
                                ("Ctrl+Shift+A",),
                                translate("MainWindow", "Show colleagues' tags, ratings, notes and highlights "
                                          "beside yours")),
        agreement=_action(window, translate("MainWindow", "&Agreement between analysts…"),
                          lambda: open_agreement_dialog(window), (),
                          translate("MainWindow", "How far the analysts' ratings agree, and where they differ")),
        review_conflicts=_action(window, translate("MainWindow", "Review merge &conflicts…"),
                                 lambda: open_conflicts_dialog(window), (),
                                 translate("MainWindow", "Texts both you and a colleague changed: keep mine, "
                                           "take theirs or keep both")),
    )
    a.show_colleagues.setCheckable(True)
    a.show_colleagues.setChecked(True)
    scripts = QActionGroup(window)
    for script, text, keys in (
            ("original", translate("MainWindow", "Text as &written"), ("Ctrl+Alt+0",)),
            ("simplified", translate("MainWindow", "Text in &Simplified Chinese"), ("Ctrl+Alt+S",)),
            ("traditional", translate("MainWindow", "Text in &Traditional Chinese"), ("Ctrl+Alt+T",))):
        action = _action(window, text, partial(window.set_text_script, script), keys)
        action.setCheckable(True)
        scripts.addAction(action)
        a.text_scripts[script] = action
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    a.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    for value in range(0, 6):
        text = (translate("MainWindow", "Clear rating") if value == 0
                else translate("MainWindow", "Rate {value}").format(value=value))
        a.rate.append(_action(window, text, partial(window.rate_current, value), (str(value),)))
    for index, modifier in ((1, "Shift"), (2, "Alt")):
        a.rate_more.append([
            _action(window, translate("MainWindow", "Rate {value}").format(value=value),
                    partial(window.rate_current, value, index), (f"{modifier}+{value}",))
            for value in range(0, 6)])
    for color, name in HIGHLIGHT_COLORS:
        action = QAction(swatch_icon(color), translate("Palette", name), window)
        action.triggered.connect(lambda _checked=False, c=color: window.highlight_selection(c))
        a.highlight_colors.append(action)

    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu(translate("MainWindow", "&File"))
    file_menu.addAction(a.new_database)
    file_menu.addAction(a.open_database)
    a.recent_menu = file_menu.addMenu(translate("MainWindow", "Open &recent"))
    a.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(a.import_report)
    a.export_menu = file_menu.addMenu(translate("MainWindow", "&Export"))
    a.export_pdf = add_pdf_export_action(window, a.export_menu)
    a.export_menu.addSeparator()
    for fmt in DATA_FORMATS:
        action = _action(window, fmt.menu_text(), partial(window.exports.export_dialog, fmt.code))
        a.export_menu.addAction(action)
        a.export_data[fmt.code] = action
    file_menu.addSeparator()
    file_menu.addAction(a.share_copy)
    file_menu.addAction(a.merge)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit_menu = menu_bar.addMenu(translate("MainWindow", "&Edit"))
    edit_menu.addAction(a.undo)
    edit_menu.addAction(a.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(a.add_tag)
    edit_menu.addAction(a.edit_note)
    edit_menu.addAction(a.highlight)
    colors = edit_menu.addMenu(translate("MainWindow", "Highlight in colour"))
    colors.addActions(a.highlight_colors)
    rate_menu = edit_menu.addMenu(translate("MainWindow", "Rate"))
    rate_menu.addActions(a.rate[1:] + a.rate[:1])
    for row in a.rate_more:
        rate_menu.addSeparator()
        rate_menu.addActions(row[1:] + row[:1])
    edit_menu.addSeparator()
    edit_menu.addAction(a.find)
    edit_menu.addSeparator()
    edit_menu.addAction(a.preferences)

    view_menu = menu_bar.addMenu(translate("MainWindow", "&View"))
    view_menu.addAction(a.next_node)
    view_menu.addAction(a.previous_node)
    view_menu.addSeparator()
    view_menu.addAction(a.expand_all)
    view_menu.addAction(a.collapse_all)
    view_menu.addAction(a.clear_filter)
    view_menu.addSeparator()
    view_menu.addAction(a.show_colleagues)
    show_text = view_menu.addMenu(translate("MainWindow", "Show &text"))
    for action in a.text_scripts.values():
        show_text.addAction(action)
    view_menu.addSeparator()
    a.report_menu = view_menu.addMenu(translate("MainWindow", "&Report"))
    a.report_menu.aboutToShow.connect(window.fill_report_menu)

    a.analysis_menu = menu_bar.addMenu(translate("MainWindow", "&Analysis"))
    a.analysis_menu.addAction(a.agreement)
    a.analysis_menu.addAction(a.review_conflicts)

    help_menu = menu_bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(a.shortcuts)
    help_menu.addAction(a.about)

    toolbar = QToolBar(translate("MainWindow", "Main tool bar"), window)
    toolbar.setObjectName("MainToolBar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.addAction(a.open_database)
    toolbar.addAction(a.import_report)
    toolbar.addSeparator()
    toolbar.addAction(a.undo)
    toolbar.addAction(a.redo)
    toolbar.addSeparator()
    toolbar.addAction(a.highlight)
    button = toolbar.widgetForAction(a.highlight)
    if isinstance(button, QToolButton):
        # The arrow beside "Highlight" picks a colour; the button itself uses the last one.
        color_menu = QMenu(window)
        color_menu.addActions(a.highlight_colors)
        button.setMenu(color_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    toolbar.addAction(a.add_tag)
    toolbar.addAction(a.edit_note)
    for action in (a.open_database, a.import_report, a.undo, a.redo, a.highlight, a.add_tag, a.edit_note):
        # Tool buttons show short labels: no mnemonic marks, no trailing "…", no undo step name.
        action.setIconText(plain_label(action.text()))
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    window.toolbar = toolbar
    return a


def shortcut_rows(actions: WindowActions) -> list[tuple[str, str]]:
    """(what, keys) for Help › Keyboard shortcuts."""
    native = QKeySequence.SequenceFormat.NativeText

    def keys(action: QAction) -> str:
        return ",  ".join(seq.toString(native) for seq in action.shortcuts())

    def label(action: QAction) -> str:
        return plain_label(action.text())

    rows = [(translate("MainWindow", "Move down / up the outline"), translate("MainWindow", "↓ / ↑,  J / K")),
            (translate("MainWindow", "Open / close a chapter"), translate("MainWindow", "→ / ←")),
            (translate("MainWindow", "First / last node"), translate("MainWindow", "Home / End")),
            (translate("MainWindow", "Rate the first dimension 1–5"), "1 … 5"),
            (translate("MainWindow", "Rate the second dimension 1–5"), "Shift+1 … Shift+5"),
            (translate("MainWindow", "Rate the third dimension 1–5"), "Alt+1 … Alt+5"),
            (label(actions.rate[0]), keys(actions.rate[0])),
            (translate("MainWindow", "Edit the stars of the current row"), "F2")]
    for action in (actions.add_tag, actions.edit_note, actions.highlight, actions.find, actions.clear_filter,
                   actions.undo, actions.redo, actions.expand_all, actions.collapse_all, actions.show_colleagues,
                   actions.import_report, actions.export_pdf, actions.open_database, actions.new_database,
                   actions.preferences, actions.shortcuts, actions.quit):
        if action is None or not action.shortcuts():
            continue
        rows.append((label(action), keys(action)))
    rows.append((translate("MainWindow", "Bold / italic / underline in a note"), "Ctrl+B / Ctrl+I / Ctrl+U"))
    rows.append((translate("MainWindow", "Bullet / numbered list in a note"), "Ctrl+Shift+8 / Ctrl+Shift+7"))
    rows.append((translate("MainWindow", "Link in a note"), "Ctrl+K"))
    return rows
