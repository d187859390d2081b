"""Limits on what reading one YAML file may cost (content/yamllimits.py), and an unclosed
quote reported where it opens.

An alias bomb or a file nested thousands deep is a located content error, never a
MemoryError, a RecursionError or a crashed process; ordinary files load exactly as they
did, with the same positions, on LibYAML's fast path.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.content import yamlfile, yamllimits
from reportgen.content.yamlfile import parse_yaml, plain, read_yaml
from reportgen.content.yamllimits import (
    DEFAULT_LIMITS,
    LimitError,
    Limits,
    check_node_limits,
    libyaml_may_compose,
)
from reportgen.errors import ContentError, Position

from .conftest import REPO

FILES = sorted((REPO / "report").glob("*.yaml"))
F = Path("report/chronology.yaml")
NESTED_51 = ("this is nested 51 levels deep (lists and blocks of keys inside each other); a "
             "YAML file may nest at most 50")


def unlimited(text: str, file: Path = F):
    """What the loader read before the limits: LibYAML composes and constructs, no checks."""
    loader = yamlfile._FastLoader(text)
    loader.file, loader.duplicates = file, []
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def problem(text: str, limits: Limits = DEFAULT_LIMITS):
    with pytest.raises(ContentError) as raised:
        parse_yaml(text, F, limits)
    assert len(raised.value.problems) == 1, raised.value.problems
    return raised.value.problems[0]


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def positions(value, path="") -> dict:
    """Every position the located data records, by path: to compare two loaders."""
    found = {}
    if isinstance(value, dict):
        found[path] = value.position
        for key in value:
            found[f"{path}/{key}:key"] = value.key_positions[key]
            found[f"{path}/{key}:value"] = value.value_positions[key]
            found.update(positions(value[key], f"{path}/{key}"))
    elif isinstance(value, list):
        found[path] = value.position
        for index, item in enumerate(value):
            found[f"{path}[{index}]"] = value.item_positions[index]
            found.update(positions(item, f"{path}[{index}]"))
    return found


# Ordinary files: the same data and positions as without the limits, on the fast path.

@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_the_briefing_loads_as_without_limits_with_the_same_positions(path):
    text = path.read_text(encoding="utf-8")
    relative = Path("report") / path.name
    old, new = unlimited(text, relative), parse_yaml(text, relative)
    assert plain(new) == plain(old)
    assert positions(new) == positions(old)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_the_briefing_takes_the_libyaml_composer(path):
    assert libyaml_may_compose(path.read_text(encoding="utf-8"))


def test_read_yaml_reads_a_project_file():
    assert read_yaml(REPO / "report/report.yaml", REPO)["title"] == "Myanmar after the coup"


# Aliases

ALIAS_HINT = ("Write the repeated content out where it is needed, or keep the anchors (&name) "
              "and aliases (*name) to a few: reportgen expands every alias when it reads the "
              "file.")


def test_a_billion_laughs_is_refused_at_the_anchor_that_crosses_the_limit():
    found = problem(billion_laughs())
    assert found.position == Position(F, 5, 7)  # &lol4: 66,430 values
    assert found.message == ("through its aliases (*name), this stands for 66,430 values; "
                             "aliases may add at most 10,000 values to a YAML file")
    assert found.hint == (ALIAS_HINT + " Aliases of aliases multiply: this is how a short file "
                          "can stand for billions of values.")


def test_the_laughs_need_fewer_aliases_than_any_count_limit_would_allow():
    # 72 aliases: a limit on their number alone (100) would let the 9^9 values through.
    assert billion_laughs().count("*lol") == 72
    with pytest.raises(LimitError, match="values"):
        parse_yaml(billion_laughs(), F, Limits(max_aliases=100))


def test_a_much_bigger_laugh_is_refused_by_the_alias_count_or_the_expansion():
    assert problem(billion_laughs(40)).message == (  # 351 aliases
        "this is alias number 101 (*name) in the file; a YAML file may use at most 100")
    found = problem(billion_laughs(40), Limits(max_aliases=10 ** 6))  # 9^40 values
    assert found.position == Position(F, 5, 7)


def test_a_few_aliases_are_fine():
    data = parse_yaml("defaults: &defaults {kind: aid, places: [Myanmar]}\n"
                      "a: *defaults\nb: *defaults\n", F)
    assert plain(data["a"]) == plain(data["b"]) == {"kind": "aid", "places": ["Myanmar"]}


def test_more_than_100_aliases_are_refused_at_the_101st():
    text = "x: &x 1\nlist: [" + ", ".join(["*x"] * 150) + "]\n"
    found = problem(text)
    column = text.split("\n")[1].index("*x") + 1 + 4 * 100
    assert found.position == Position(F, 2, column)
    assert found.message == ("this is alias number 101 (*name) in the file; a YAML file may "
                             "use at most 100")


def test_an_alias_to_the_block_it_is_in_is_refused():
    found = problem("a: &a [1, *a]\n")
    assert found.message == ("an alias (*name) inside this block refers back to the block "
                             "itself, which would make it endless")
    assert found.position.line == 1


def test_aliases_that_nest_too_deep_once_expanded_are_refused():
    lines = ["l0: &l0 [x]"] + [f"l{n}: &l{n} [*l{n - 1}]" for n in range(1, 60)]
    assert problem("\n".join(lines) + "\n").message == NESTED_51


# Depth

@pytest.mark.parametrize("text, line, column", [
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", 1, 53),
    ("a: " + "{a: " * 5000 + "b" + "}" * 5000 + "\n", 1, 200),
    ("- " * 5000 + "x\n", 1, 101),
    ("events:\n" + "".join(" " * n + "k:\n" for n in range(1, 5001)) + " " * 5001 + "v\n",
     51, 51),
], ids=["flow lists", "flow blocks", "block lists", "block keys"])
def test_5000_levels_of_nesting_are_refused_at_level_51(text, line, column):
    found = problem(text, Limits(max_bytes=50 * 1024 * 1024))
    assert found.position == Position(F, line, column)
    assert found.message == NESTED_51
    assert found.hint == ("Lists and blocks of keys this deep are not content an editor "
                          "writes: check the indentation and the brackets, or whether the "
                          "file was generated by a program.")


def test_100000_levels_do_not_crash_the_process():
    """LibYAML's composer recurses in C: without the limits a 200 KB file of '[' kills the
    process with SIGSEGV."""
    script = ("from pathlib import Path\n"
              "from reportgen.content.yamlfile import parse_yaml\n"
              "try:\n    parse_yaml('a: ' + '[' * 100000 + ']' * 100000, Path('f'))\n"
              "except Exception as error:\n    print(type(error).__name__, error)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout.splitlines()[0]) == (0, "LimitError f:1:53: "
                                                                 + NESTED_51)


def test_50_levels_are_allowed_51_are_not():
    value, levels = parse_yaml("a: " + "[" * 49 + "]" * 49 + "\n", F), 0
    while isinstance(value, (dict, list)):  # the mapping, then 49 lists
        value, levels = (value["a"] if isinstance(value, dict) else value[0] if value else
                         None), levels + 1
    assert levels == 50
    assert problem("a: " + "[" * 50 + "]" * 50 + "\n").message == NESTED_51


def test_both_composers_give_the_same_verdict_on_deep_block_files():
    text = "".join("  " * n + f"k{n}:\n" for n in range(60)) + "  " * 60 + "v\n"
    assert libyaml_may_compose(text)
    fast = problem(text)
    slow_text = "pad: [" + ", ".join(["[x]"] * 600) + "]\n" + text
    assert not libyaml_may_compose(slow_text)
    slow = problem(slow_text)
    assert slow.message == fast.message == NESTED_51
    assert slow.position.line == fast.position.line + 1


def test_a_file_of_too_many_values_is_refused_at_the_first_one_over():
    text = "[" + "a," * 300_000 + "a]\n"
    assert not libyaml_may_compose(text)
    found = problem(text)
    assert found.position == Position(F, 1, 2 * 250_000)  # the list is value 1
    assert found.message == ("the file holds more than 250,000 values (keys, items, lists and "
                             "blocks of keys); this is the first one over the limit")


def test_a_long_file_of_few_values_still_takes_libyaml():
    text = "notes:\n" + "".join(f"  - {'word ' * 60}{n}\n" for n in range(2000))
    assert len(text) > 250_000 and libyaml_may_compose(text)


def test_ampersands_in_urls_and_prose_do_not_count_as_anchors():
    assert not yamllimits.may_have_aliases("url: https://x.org/?a=1&b=2\nt: R&D * A & B\n")
    assert yamllimits.may_have_aliases("a: &x 1\nb: *x\n")
    assert yamllimits.may_have_aliases("a: [&x 1, *x]\n")


def test_a_flow_heavy_file_takes_the_python_composer_and_loads_the_same():
    text = "rows:\n" + "".join(f"  - [{n}, [a, b], {{k: v}}]\n" for n in range(400))
    assert not libyaml_may_compose(text)
    new, old = parse_yaml(text, F), unlimited(text)
    assert plain(new) == plain(old)
    assert positions(new) == positions(old)


def test_node_limits_on_composed_graphs():
    with pytest.raises(LimitError):
        check_node_limits(yaml.compose(billion_laughs(), Loader=yaml.SafeLoader), F)
    check_node_limits(yaml.compose("a: [1, 2]\n", Loader=yaml.SafeLoader), F,
                      aliases_possible=False)


# Size

def test_a_yaml_file_over_5_mb_is_refused_before_it_is_read_whole(tmp_path):
    path = tmp_path / "report" / "big.yaml"
    path.parent.mkdir()
    with path.open("wb") as handle:  # a sparse file of 1 GB: nothing is written to disk
        handle.write(b"a: 1\n" * 10)
        handle.truncate(1024 ** 3)
    with pytest.raises(ContentError) as raised:
        read_yaml(path, tmp_path)
    assert str(raised.value) == (
        "report/big.yaml: the file is larger than 5 MB, the most reportgen reads\n"
        "    Keep in it only what the briefing uses (the README gives the limits).")


def test_text_in_memory_over_the_limit_is_refused_without_parsing():
    found = problem("a: " + "x" * (5 * 1024 * 1024))
    assert found.position == Position(F, 1)
    assert found.message == ("the file is 5.0 MB, more than the 5.0 MB a YAML file may hold; "
                             "the limit falls on this line")


# The unclosed quote

CHRONOLOGY = """\
events:
  - date: 2020-03-05
    title: "The river rises
    places: [Harbour Town]
    cite:
      - source: gazette
        quote: the river rose two metres

  - date: 2020-03-06
    title: "The bridge closes"
    places: [Harbour Town]
"""


def test_an_unclosed_quote_in_the_middle_of_a_file_is_reported_where_it_opens():
    found = problem(CHRONOLOGY)
    assert found.position == Position(F, 3, 12)  # YAML itself fails at line 10
    assert found.message == "YAML syntax error: this quoted text is never closed"
    assert found.hint == ('Add the closing " at the end of the text. As written, the text runs '
                          "on to line 10 and takes in the lines between as part of it.")


def test_an_unclosed_quote_at_the_end_of_a_file():
    found = problem("title: Harbour\nsubtitle: 'A town\n")
    assert found.position == Position(F, 2, 11)
    assert found.hint == ("Add the closing ' at the end of the text. As written, the text runs "
                          "on to the end of the file and takes in the lines between as part "
                          "of it.")


def test_an_unclosed_quote_inside_brackets():
    found = problem('places: [Harbour Town, "East bank]\ndate: 2020\ntitle: "x"\n')
    assert found.position == Position(F, 1, 24)
    assert found.message == "YAML syntax error: this quoted text is never closed"


def test_an_unclosed_quote_among_legitimate_multiline_quotes():
    text = textwrap.dedent('''\
        a: "a long text
          wrapped over two lines"
        b: "unclosed
        c: 1
        d: "x"
        ''')
    assert problem(text).position == Position(F, 3, 4)


def test_other_syntax_errors_keep_their_message():
    found = problem("events:\n  - date: 2020-03-05\n    title: [unclosed\n")
    assert str(found) == (
        "report/chronology.yaml:4:1: YAML syntax error: while parsing a flow sequence, expected "
        "',' or ']', but got '<stream end>'\n"
        "    Check the indentation (spaces, not tabs) and put text containing ': ' or starting "
        "with a quote mark, '[', '{' or '*' inside double quotes.")


def test_duplicate_keys_and_control_characters_as_before():
    assert problem("a: 1\na: 2\n").message == ("the key 'a' appears twice in the same block "
                                               "(first at line 1)")
    assert problem("a: b\x07\n").message == "the character U+0007 cannot stand in a YAML file"


# Whatever the input: a ContentError or data, never anything else

@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("ab:- \n[]{}&*\"'#!|>,?\t") + ["&a ", "*a", "ข"]),
                max_size=120).map("".join))
def test_any_text_gives_data_or_a_content_error(text):
    try:
        parse_yaml(text, F)
    except ContentError as error:
        assert error.problems and all(problem.position.file == F for problem in error.problems)


_SCALARS = st.one_of(st.integers(), st.text(max_size=8), st.booleans(), st.none())
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=5), inner,
                                                 max_size=4)), max_leaves=30)


@settings(max_examples=100, deadline=None)
@given(_DATA, st.booleans())
def test_any_data_loads_as_without_limits_whichever_composer(data, flow):
    text = yaml.safe_dump({"data": data}, default_flow_style=flow, allow_unicode=True)
    expected = unlimited(text)
    fast = parse_yaml(text, F)
    slow = yamllimits.load_limited(yamllimits.counting_class(yamlfile._FastLoader), text, F)
    assert plain(fast) == plain(slow) == plain(expected)
    assert positions(fast) == positions(slow) == positions(expected)
