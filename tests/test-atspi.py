#!/usr/bin/python3
# test-atspi.py — reads the running app's accessible tree over AT-SPI and checks it
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by tests/test-atspi.sh inside its own dbus-run-session and Xvfb: starts the built
# `shequ` on a sample database in one language, walks the org view, the compliance
# view, the map page, the evaluation page, the disclosure view (with its editor, finance
# table, sync status and sync dialog), the person dialog and the welcome page, and fails
# on a nameless button, a name with mnemonic markup, a text field without a label, a row
# without its unit's name or a disclosure view control out of the keyboard's reach.
# Usage: test-atspi.py SHEQU_BIN SHEQU_CLI LANG DUMP_FILE

import os
import re
import subprocess
import sys
import tempfile
import time

import pyatspi

SHEQU_BIN, SHEQU_CLI, LANG, DUMP_FILE = sys.argv[1:5]
PROBLEMS = []
# Generous: under the sanitizers a page or dialog can take a minute to build, and a
# wait ends as soon as what it waits for is there.
TIMEOUT = 90
# GTK 4.8 exposes the expander's widget actions over AT-SPI.
TOGGLE_ACTIONS = ("listitem.toggle-expand", "toggle", "activate")

BUTTON_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_LINK, pyatspi.ROLE_SWITCH if hasattr(pyatspi, "ROLE_SWITCH") else -1,
}
TEXT_ROLES = {pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON}
# "_Organisation", "撤销(_U)", "打开示例街道(O)": markup or its leftovers
MNEMONIC = re.compile(r"(^|[^_])_[^_\s]|\([A-Za-z]\)")


def problem(where, text):
    PROBLEMS.append("%s [%s]: %s" % (where, LANG, text))


def log(*args):
    print(*args, flush=True)


def wait_for(what, func, timeout=TIMEOUT):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = func()
        except SystemExit:
            raise
        except Exception:  # the tree changes under us while the app starts
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit("timed out waiting for %s [%s]" % (what, LANG))


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            pass
    return None


def children(acc):
    try:
        return [acc.getChildAtIndex(i) for i in range(acc.childCount)]
    except Exception:
        return []


def showing(acc):
    # GTK 4.8 sets "visible" (gtk_widget_get_visible), not "showing", below the window.
    try:
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def walk(acc, only_showing=True):
    yield acc
    for child in children(acc):
        if child is None:
            continue
        if only_showing and not showing(child):
            continue
        yield from walk(child, only_showing)


def actions_of(acc):
    try:
        action = acc.queryAction()
        return [action.getName(i) for i in range(action.nActions)]
    except Exception:
        return []


def states_of(acc):
    names = []
    for s in acc.getState().getStates():
        if s in (pyatspi.STATE_EXPANDED, pyatspi.STATE_EXPANDABLE, pyatspi.STATE_FOCUSED,
                 pyatspi.STATE_SELECTED, pyatspi.STATE_CHECKED, pyatspi.STATE_INVALID_ENTRY,
                 pyatspi.STATE_SENSITIVE, pyatspi.STATE_FOCUSABLE):
            names.append(pyatspi.stateToString(s))
    return names


def relations_of(acc):
    out = []
    try:
        for rel in acc.getRelationSet():
            targets = [rel.getTarget(i).name for i in range(rel.getNTargets())]
            out.append("%s→%s" % (pyatspi.relationToString(rel.getRelationType()),
                                  "|".join(targets)))
    except Exception:
        pass
    return out


def dump(acc, depth=0, lines=None):
    if lines is None:
        lines = []
    try:
        role = acc.getRoleName()
        name = acc.name or ""
        desc = acc.description or ""
    except Exception:
        return lines
    extra = []
    if desc:
        extra.append("desc=%r" % desc)
    st = states_of(acc)
    if st:
        extra.append("states=" + ",".join(st))
    acts = actions_of(acc)
    if acts:
        extra.append("actions=" + ",".join(acts))
    rels = relations_of(acc)
    if rels:
        extra.append("rel=" + ";".join(rels))
    lines.append("%s%s %r %s" % ("  " * depth, role, name, " ".join(extra)))
    for child in children(acc):
        if child is not None and showing(child):
            dump(child, depth + 1, lines)
    return lines


def label_of(acc):
    """The name, or the text of a labelled-by relation."""
    if acc.name:
        return acc.name
    try:
        for rel in acc.getRelationSet():
            if rel.getRelationType() == pyatspi.RELATION_LABELLED_BY and rel.getNTargets():
                return rel.getTarget(0).name
    except Exception:
        pass
    return ""


def check(where, root, unit_names=None):
    n_rows = 0
    for acc in walk(root):
        try:
            role = acc.getRole()
            name = acc.name or ""
        except Exception:
            continue
        if name and MNEMONIC.search(name):
            problem(where, "%s named with mnemonic markup: %r" % (acc.getRoleName(), name))
        if role in BUTTON_ROLES and not label_of(acc):
            problem(where, "%s without a name" % acc.getRoleName())
        if role in TEXT_ROLES and not label_of(acc):
            problem(where, "text field without a label")
        if acc.getState().contains(pyatspi.STATE_FOCUSED) and not name and \
                role not in (pyatspi.ROLE_FRAME, pyatspi.ROLE_WINDOW, pyatspi.ROLE_DIALOG):
            problem(where, "focus on a nameless %s" % acc.getRoleName())
        if role in (pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TREE_ITEM) \
                and acc.getState().contains(pyatspi.STATE_FOCUSABLE) and not name:
            problem(where, "focusable %s without a name" % acc.getRoleName())
        if role == pyatspi.ROLE_TABLE_ROW \
                and unit_names is not None and acc.parent is not None \
                and acc.parent.getRole() in (pyatspi.ROLE_LIST, pyatspi.ROLE_TREE_TABLE,
                                             pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE) \
                and not any(c.name == "GtkColumnViewTitle" or
                            c.getRole() == pyatspi.ROLE_COLUMN_HEADER for c in children(acc)):
            n_rows += 1
            if not any(u in name for u in unit_names):
                problem(where, "row %r does not carry its unit's name" % name)
    return n_rows


def find(root, role=None, name=None, pred=None):
    for acc in walk(root):
        try:
            if role is not None and acc.getRole() != role:
                continue
            if name is not None and acc.name != name:
                continue
            if pred is not None and not pred(acc):
                continue
            return acc
        except Exception:
            continue
    return None


def do_action(acc, names):
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in names:
            action.doAction(i)
            return True
    raise SystemExit("%s %r has no action in %s" % (acc.getRoleName(), acc.name, names))


# ---- The disclosure view --------------------------------------------------------------
# Its list holds hundreds of rows and a walk over the bus is slow: the walks below look
# at the first few rows of a long list only.
CONTROL_ROLES = BUTTON_ROLES | TEXT_ROLES | {
    pyatspi.ROLE_TEXT, pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_TABLE_CELL}
LONG_LIST_ROWS = 4
# GTK names a widget without a label after its class ("GtkToggleButton"): no name.
CLASS_NAME = re.compile(r"^(Gtk|Shequ)[A-Za-z]+$")


def walk_some(acc, depth=0):
    yield acc, depth
    kids = [c for c in children(acc) if c is not None and showing(c)]
    try:
        if acc.getRole() == pyatspi.ROLE_LIST:
            kids = kids[:LONG_LIST_ROWS]
    except Exception:
        pass
    for child in kids:
        yield from walk_some(child, depth + 1)


def find_near(root, pred):
    """Breadth first: a page's widget is found before the deep trees of other views."""
    queue = [root]
    while queue:
        acc = queue.pop(0)
        try:
            if pred(acc):
                return acc
        except Exception:
            pass
        kids = [c for c in children(acc) if c is not None]
        try:
            if acc.getRole() == pyatspi.ROLE_LIST:
                kids = kids[:LONG_LIST_ROWS]
        except Exception:
            pass
        queue.extend(kids)
    return None


def real_name(acc):
    try:
        name = label_of(acc)
    except Exception:
        return ""
    return "" if CLASS_NAME.match(name) else name


def has_state(acc, state):
    try:
        return acc.getState().contains(state)
    except Exception:
        return False


def check_controls(where, root):
    """Every control has a role, a name (its own, its wrapper's or its inner button's)
    and is reached by keyboard: focusable itself or through the widget inside it.
    Returns the controls seen, by role name."""
    seen = {}
    lines = []
    for acc, depth in walk_some(root):
        try:
            role = acc.getRole()
            role_name = acc.getRoleName()
        except Exception:
            continue
        lines.append("%s%s %r %s" % ("  " * depth, role_name, acc.name or "",
                                     ",".join(states_of(acc))))
        if acc.name and MNEMONIC.search(acc.name):
            problem(where, "%s named with mnemonic markup: %r" % (role_name, acc.name))
        if role not in CONTROL_ROLES:
            continue
        if not role_name or role == pyatspi.ROLE_UNKNOWN:
            problem(where, "a control without a role: %r" % acc.name)
        kids = [c for c in children(acc) if c is not None]
        parent = acc.parent
        named = real_name(acc) or any(real_name(c) for c in kids
                                      if c.getRole() == role)
        if not named and parent is not None and parent.getRole() in CONTROL_ROLES:
            named = real_name(parent)
        if not named:
            problem(where, "%s without a name (%r)" % (role_name, acc.name))
        if has_state(acc, pyatspi.STATE_SENSITIVE) and \
                not has_state(acc, pyatspi.STATE_FOCUSABLE) and \
                not any(has_state(c, pyatspi.STATE_FOCUSABLE) for c in kids):
            problem(where, "%s %r is not reached by keyboard" % (role_name, acc.name))
        seen.setdefault(role_name, []).append(acc.name or "")
    return seen, lines


def visit_disclosure(app, frame):
    where = "disclosure view"
    if "win.view-disclosure" not in actions_of(frame):
        problem(where, "the window has no action to show it")
        return
    do_action(frame, ("win.view-disclosure",))
    page = wait_for("the disclosure view",
                    lambda: find_near(frame, lambda a: a.name == "ShequDisclosurePage"))
    disclosures = wait_for("the disclosure list",
                           lambda: find_near(page, lambda a: a.getRole() == pyatspi.ROLE_LIST
                                             and a.childCount > 0))
    rows = children(disclosures)
    for row in rows:
        if has_state(row, pyatspi.STATE_FOCUSABLE) and not row.name:
            problem(where, "a focusable disclosure row without a name")
            break
    # A finance disclosure of the sample: its editor shows the finance table.
    finance = [i for i, r in enumerate(rows) if r is not None and "财务" in (r.name or "")]
    if not finance:
        problem(where, "no finance disclosure in the list")
        return
    disclosures.querySelection().selectChild(finance[0])
    editor = wait_for("the disclosure editor",
                      lambda: find_near(page, lambda a: a.name == "ShequDisclosureEditor"))
    # The finance table: a row of cells per line, its direction a combo box.
    wait_for("the finance table's cells",
             lambda: find_near(editor, lambda a: a.getRole() == pyatspi.ROLE_COMBO_BOX and
                               a.name in ("Income or expense", "收入或支出")))
    seen, lines = check_controls(where, page)
    fields = seen.get("text", []) + seen.get("entry", [])
    for label in (("Title", "标题"), ("Opening balance", "期初余额"),
                  ("Category", "科目"), ("Amount (yuan)", "金额（元）")):
        if not any(n in fields for n in label):
            problem(where, "no text field named %s" % label[0])
    if "push button" not in seen:
        problem(where, "no buttons found")

    # The sync status in the header bar: a named button that opens its popover.
    status = find_near(frame, lambda a: a.name == "ShequSyncStatusButton")
    if status is None:
        problem("sync status", "no sync status indicator")
    else:
        status_seen, status_lines = check_controls("sync status", status)
        lines += status_lines
        button = find_near(status, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON)
        if button is None or not has_state(button, pyatspi.STATE_EXPANDABLE):
            problem("sync status", "the indicator is not a button that expands")

    # The sync settings dialog.
    if "win.sync-settings" not in actions_of(frame):
        problem("sync dialog", "the window has no action to show it")
    else:
        do_action(frame, ("win.sync-settings",))
        dialog = wait_for("the sync dialog",
                          lambda: find(app, pred=lambda a: a.getRole() in
                                       (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG)
                                       and a.name != frame.name))
        wait_for("the sync dialog's fields",
                 lambda: find_near(dialog, lambda a: a.getRole() in TEXT_ROLES |
                                   {pyatspi.ROLE_TEXT}))
        dialog_seen, dialog_lines = check_controls("sync dialog", dialog)
        lines += dialog_lines
        if not any(r in dialog_seen for r in ("text", "entry")):
            problem("sync dialog", "no text field for the server")
        do_action(dialog, ("window.close",))
        wait_for("the sync dialog to close",
                 lambda: not any(a is not None and a.getRole() in
                                 (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG) and
                                 a.name != frame.name and showing(a) for a in children(app)))
    with open(DUMP_FILE.replace("org-view", "disclosure"), "w") as f:
        f.write("\n".join(lines) + "\n")
    do_action(frame, ("win.view-org",))


def unit_names(db):
    out = subprocess.run([SHEQU_CLI, "units", "--json", "--db", db], check=True,
                         capture_output=True, text=True).stdout
    return set(re.findall(r'"name"\s*:\s*"([^"]+)"', out))


def start(db, env):
    proc = subprocess.Popen([SHEQU_BIN, "--non-unique", "--db", db], env=env)

    def registered():
        if proc.poll() is not None:
            raise SystemExit("shequ exited with %d before it showed [%s]"
                             % (proc.returncode, LANG))
        return find_app(proc.pid)
    app = wait_for("the app on the bus", registered, timeout=60)
    return proc, app


def main():
    # An action that builds a page (the evaluation's, on first show) can take seconds
    # on a loaded machine or under the sanitizers: wait for replies up to a minute
    # rather than libatspi's default, after which the call fails although it worked.
    pyatspi.setTimeout(60000, 60000)
    tmp = tempfile.mkdtemp(prefix="shequ-atspi-")
    db = os.path.join(tmp, "street.db")
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env["LANG"] = LANG
    env["LC_ALL"] = LANG
    env.pop("LANGUAGE", None)
    env["GTK_A11Y"] = "atspi"
    subprocess.run([SHEQU_CLI, "init", "--sample", "--db", db], check=True, env=env,
                   capture_output=True)
    names = unit_names(db)

    proc, app = start(db, env)
    try:
        frame = wait_for("the main window", lambda: find(app, pyatspi.ROLE_FRAME))
        tree = wait_for("the organisation tree",
                        lambda: find(frame, pred=lambda a: a.getRole() in
                                     (pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TABLE,
                                      pyatspi.ROLE_TREE)
                                     and any(True for _ in children(a))))
        # The rows are laid out a frame later.
        wait_for("rows", lambda: find(tree, pred=lambda a: a.getRole() in
                                       (pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_LIST_ITEM,
                                        pyatspi.ROLE_TREE_ITEM) and a.name))
        time.sleep(0.5)
        lines = dump(frame)
        with open(DUMP_FILE, "w") as f:
            f.write("\n".join(lines) + "\n")
        n = check("org view", frame, names)
        if n == 0:
            problem("org view", "no rows found")

        # The focus starts on the street's row.
        focused = find(frame, pred=lambda a: a.getState().contains(pyatspi.STATE_FOCUSED))
        if focused is None or not focused.name:
            problem("org view", "the window opens without focus on a named row (%r)"
                    % (focused.getRoleName() if focused else None))

        # An expander can be toggled over AT-SPI and says so.
        exp = find(tree, pred=lambda a: a.getState().contains(pyatspi.STATE_EXPANDABLE) and
                   a.getState().contains(pyatspi.STATE_EXPANDED) and
                   TOGGLE_ACTIONS[0] in actions_of(a))
        if exp is None:
            problem("org view", "no expanded, expandable row")
        else:
            exp_name = exp.name
            do_action(exp, TOGGLE_ACTIONS)
            still = wait_for("the row to collapse",
                             lambda: find(tree, name=exp_name,
                                          pred=lambda a: a.getState().contains(
                                              pyatspi.STATE_EXPANDABLE) and not
                                          a.getState().contains(pyatspi.STATE_EXPANDED) and
                                          TOGGLE_ACTIONS[0] in actions_of(a)),
                             timeout=TIMEOUT)
            do_action(still, TOGGLE_ACTIONS)

        # The compliance view, through the window's own action (exposed over AT-SPI).
        if "win.view-compliance" not in actions_of(frame):
            problem("compliance view", "the window has no action to show it")
        else:
            do_action(frame, ("win.view-compliance",))
            time.sleep(1.0)
            with open(DUMP_FILE.replace("org-view", "compliance"), "w") as f:
                f.write("\n".join(dump(frame)) + "\n")
            n = check("compliance view", frame, names)
            if n == 0:
                problem("compliance view", "no rows found")
            do_action(frame, ("win.view-org",))
            time.sleep(0.5)

        # The map page: every control named, the map itself an image named "Map".
        if "win.view-map" not in actions_of(frame):
            problem("map page", "the window has no action to show it")
        else:
            do_action(frame, ("win.view-map",))
            wait_for("the map page",
                     lambda: find(frame, pred=lambda a: a.getRole() == pyatspi.ROLE_IMAGE
                                  and a.name in ("Map", "地图")))
            time.sleep(0.5)
            with open(DUMP_FILE.replace("org-view", "map"), "w") as f:
                f.write("\n".join(dump(frame)) + "\n")
            check("map page", frame)
            if find(frame, pred=lambda a: a.getRole() == pyatspi.ROLE_IMAGE and
                    a.name in ("Map", "地图")) is None:
                problem("map page", "no map image named Map")
            if not any(a.getRole() == pyatspi.ROLE_COMBO_BOX for a in walk(frame)):
                problem("map page", "the colouring choice is not a combo box")
            do_action(frame, ("win.view-org",))
            time.sleep(0.5)

        # The evaluation page: its switcher's views, its toolbar, the ranking's and the
        # flags' controls named.
        if "win.view-eval" not in actions_of(frame):
            problem("evaluation page", "the window has no action to show it")
        else:
            do_action(frame, ("win.view-eval",))
            # The page is built on first show: wait for its switcher.
            wait_for("the evaluation page",
                     lambda: find(frame, pred=lambda a: a.name in ("Ranking", "排名")))
            time.sleep(0.5)
            lines = dump(frame)
            with open(DUMP_FILE.replace("org-view", "eval"), "w") as f:
                f.write("\n".join(lines) + "\n")
            check("evaluation page", frame)
            # One walk for the names looked for (each walk is slow over the bus).
            tabs = BUTTON_ROLES | {pyatspi.ROLE_PAGE_TAB}
            named = {}
            for a in walk(frame):
                try:
                    if a.getRole() in tabs and a.name:
                        named.setdefault(a.name, a)
                except Exception:
                    continue
            for label in (("Ranking", "排名"), ("Open Period…", "开设考核期…"),
                          ("Export Report…", "导出报告…")):
                if not any(n in named for n in label):
                    problem("evaluation page", "no control named %s" % label[0])
            # The flags view, through the switcher's button.
            flags = named.get("Flags") or named.get("预警")
            if flags is None:
                problem("evaluation page", "no switcher button for the flags")
            else:
                do_action(flags, ("click", "activate", "toggle"))
                time.sleep(1.0)
                check("evaluation flags", frame)
            do_action(frame, ("win.view-org",))
            time.sleep(0.5)

        # The disclosure view: its list, editor, finance table, sync status and dialog.
        visit_disclosure(app, frame)

        # The person dialog: the detail pane's add button.
        add = find(frame, pred=lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON and
                   a.name in ("Add Person…", "添加人员…"))
        if add is None:
            problem("person dialog", "no button to open it")
        else:
            do_action(add, ("click", "activate"))
            dialog = wait_for("the person dialog",
                              lambda: find(app, pred=lambda a: a.getRole() in
                                           (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG)
                                           and a.name != frame.name), timeout=90)
            time.sleep(0.5)
            with open(DUMP_FILE.replace("org-view", "person-dialog"), "w") as f:
                f.write("\n".join(dump(dialog)) + "\n")
            check("person dialog", dialog)
            radios = [a for a in walk(dialog) if a.getRole() == pyatspi.ROLE_RADIO_BUTTON]
            if len(radios) < 2:
                problem("person dialog", "the new/existing choice is not radio buttons")
    finally:
        proc.terminate()
        proc.wait(10)

    # The welcome page: a database file that does not exist yet.
    proc, app = start(os.path.join(tmp, "new.db"), env)
    try:
        frame = wait_for("the main window", lambda: find(app, pyatspi.ROLE_FRAME))
        wait_for("the welcome page",
                 lambda: find(frame, pred=lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON
                              and a.name))
        time.sleep(0.5)
        with open(DUMP_FILE.replace("org-view", "welcome"), "w") as f:
            f.write("\n".join(dump(frame)) + "\n")
        check("welcome page", frame)
    finally:
        proc.terminate()
        proc.wait(10)

    for p in PROBLEMS:
        log("FAIL", p)
    log("%d problems [%s]" % (len(PROBLEMS), LANG))
    return 1 if PROBLEMS else 0


if __name__ == "__main__":
    sys.exit(main())
