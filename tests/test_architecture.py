"""The import direction of DESIGN.md, checked by reading every module's imports."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM_LIBS = {"slack_bolt", "slack_sdk", "discord"}
CORE = {"bot.models", "bot.extract", "bot.query", "bot.matching", "bot.geo"}
ADAPTERS = {"bot.sources", "bot.store", "bot.delivery", "bot.scheduler"}
WIRING = {"bot.app", "bot.cli"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _under(name: str, prefixes: set[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _bot_modules() -> list[Path]:
    return sorted(p for p in (ROOT / "bot").rglob("*.py") if "migrations" not in p.parts)


def test_there_are_modules_to_check():
    assert len(_bot_modules()) > 10


def test_engine_never_imports_a_platform_library():
    offenders = {
        _module(p): sorted(n for n in _imports(p) if n.split(".")[0] in PLATFORM_LIBS) for p in _bot_modules()
    }
    assert {m: libs for m, libs in offenders.items() if libs} == {}


def test_engine_never_imports_handlers_except_the_wiring():
    offenders = [
        _module(p)
        for p in _bot_modules()
        if _module(p) not in WIRING and any(n.startswith("handlers") for n in _imports(p))
    ]
    assert offenders == []


def test_core_never_imports_adapters_or_wiring():
    bad = {}
    for p in _bot_modules():
        mod = _module(p)
        if _under(mod, CORE):
            wrong = sorted(n for n in _imports(p) if _under(n, ADAPTERS | WIRING))
            if wrong:
                bad[mod] = wrong
    assert bad == {}


def test_only_the_composition_root_wires_adapters_together():
    bad = {}
    for p in _bot_modules():
        mod = _module(p)
        if _under(mod, ADAPTERS):
            others = ADAPTERS - {a for a in ADAPTERS if _under(mod, {a})}
            wrong = sorted(n for n in _imports(p) if _under(n, others | WIRING))
            if wrong:
                bad[mod] = wrong
    assert bad == {}


def test_no_module_shadows_a_library():
    ours = [p for top in ("bot", "handlers", "tests") for p in (ROOT / top).rglob("*.py")]
    shadows = [
        p for p in ours if p.stem in {"discord", "slack_bolt", "slack_sdk", "feedparser", "apscheduler"}
    ]
    assert shadows == []
