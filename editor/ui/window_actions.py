"""The window's actions, menus and tool bar, built in one place and listed in the shortcuts dialog."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QToolButton

from editor.ui.i18n import translate
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
    rate: list[QAction] = field(default_factory=list)  # index = value (0 clears)
    highlight_colors: list[QAction] = field(default_factory=list)
    recent_menu: QMenu | None = None
    export_menu: QMenu | None = None
    analysis_menu: QMenu | None = None
    report_menu: QMenu | None = None

    def editing(self) -> list[QAction]:
        """Actions that change the database: switched off for a read-only one."""
        return [self.add_tag, self.edit_note, self.highlight, *self.rate, *self.highlight_colors]


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
    )
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    a.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    for value in range(0, 6):
        text = (translate("MainWindow", "Clear rating") if value == 0
                else translate("MainWindow", "Rate {value}").format(value=value))
        a.rate.append(_action(window, text, lambda v=value: window.rate_current(v), (str(value),)))
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
    a.report_menu = view_menu.addMenu(translate("MainWindow", "&Report"))
    a.report_menu.aboutToShow.connect(window.fill_report_menu)

    a.analysis_menu = menu_bar.addMenu(translate("MainWindow", "&Analysis"))

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


def plain_label(text: str) -> str:
    """A menu text without its mnemonic ("&File", "文件(&F)") or trailing ellipsis."""
    text = re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


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
            (label(actions.rate[0]), keys(actions.rate[0])),
            (translate("MainWindow", "Edit the stars of the current row"), "F2")]
    for action in (actions.add_tag, actions.edit_note, actions.highlight, actions.find, actions.clear_filter,
                   actions.undo, actions.redo, actions.expand_all, actions.collapse_all, actions.import_report,
                   actions.open_database, actions.new_database, actions.preferences, actions.shortcuts,
                   actions.quit):
        rows.append((label(action), keys(action)))
    rows.append((translate("MainWindow", "Bold / italic / underline in a note"), "Ctrl+B / Ctrl+I / Ctrl+U"))
    rows.append((translate("MainWindow", "Bullet / numbered list in a note"), "Ctrl+Shift+8 / Ctrl+Shift+7"))
    rows.append((translate("MainWindow", "Link in a note"), "Ctrl+K"))
    return rows
