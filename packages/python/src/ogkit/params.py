"""Validation and resolution of ogkit parameters: the Python twin of @ogkit/sdk's parseOgParams.

Every name, enum, limit and message comes from ``_schema`` (generated from the SDK). What is written
here is the behaviour of each kind of field and the few rules across fields, mirrored from the
SDK's schema.ts and parse.ts and checked against it by the generated cases in tests/sdk_cases.json.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._schema import BUILTIN_TEMPLATES, JS_TRIM_CHARACTERS, PARAMS, SIGNATURE_KEYS, SIZE_PRESETS
from .errors import OgIssue, invalid_params

#: Every parameter's wire name, in the schema's (canonical) order.
PARAM_NAMES: Tuple[str, ...] = tuple(PARAMS)
#: Python keyword name -> wire name (``title_color`` -> ``titleColor``), derived by the generator.
PYTHON_NAMES: Dict[str, str] = {param["pythonName"]: name for name, param in PARAMS.items()}

Params = Union[Mapping[str, Any], Iterable[Tuple[str, Any]]]


def wire_name(key: str) -> Optional[str]:
    """The wire name of a parameter given by wire name or Python name; None when unknown."""
    return key if key in PARAMS else PYTHON_NAMES.get(key)


# The names the cross-field rules are about (as in the SDK's checkCombinations and resolve). They are
# checked here so that a renamed parameter fails at import rather than being silently ignored.
_THEME, _TEMPLATE, _SIZE, _LAYOUT, _VALUE, _METRIC = "theme", "template", "size", "layout", "value", "metric"
if not {_THEME, _TEMPLATE, _SIZE, _LAYOUT, _VALUE} <= set(PARAMS) or _METRIC not in PARAMS[_LAYOUT]["enum"]:
    raise ImportError("ogkit._schema no longer has the parameters ogkit.params relies on; update ogkit.params")

#: Input-only aliases: target -> its aliases in schema order (one alias of a color, or a from/to pair).
_ALIASES: Dict[str, Tuple[str, ...]] = {}
for _name, _param in PARAMS.items():
    if _param["aliasOf"]:
        _ALIASES[_param["aliasOf"]] = _ALIASES.get(_param["aliasOf"], ()) + (_name,)
for _target, _names in _ALIASES.items():
    if len(_names) > (2 if PARAMS[_target]["kind"] == "hexPair" else 1):
        raise ImportError(f"ogkit.params does not know how {', '.join(_names)} fold into {_target}")

_MAX_SAFE_INTEGER = 2**53 - 1
_FLOAT_LIMIT = 2**1024  # ints from here on are Infinity to JavaScript
_DIGITS = re.compile(r"[0-9]{1,6}")
# C0/C1 control characters, as the SDK's CONTROL; text fields are single-line.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PATTERNS = {name: re.compile(param["pattern"]) for name, param in PARAMS.items() if param["pattern"]}


def _js_string(value: str) -> str:
    """The string JavaScript would see: a surrogate pair written as two code points becomes one."""
    if not _SURROGATE.search(value):
        return value
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _js_trim(value: str) -> str:
    return value.strip(JS_TRIM_CHARACTERS)


def _js_truthy(value: Any) -> bool:
    if value is None or value is False or value == "":
        return False
    if isinstance(value, numbers.Real) and (value == 0 or value != value):
        return False
    return True


def _normalize_hex(value: str) -> str:
    """#F60 -> ff6600."""
    digits = (value[1:] if value.startswith("#") else value).lower()
    return "".join(c + c for c in digits) if len(digits) == 3 else digits


# Each kind's check takes (name, param, value) and returns (messages, value, abort). The value is
# what the cross-field rules see (normalized when valid). abort mirrors zod's non-continuable issues
# (a wrong type, a value outside an enum, a fraction): then the cross-field rules do not run.
Check = Tuple[List[str], Any, bool]


def _check_text(name: str, param: dict, value: Any) -> Check:
    messages = param["messages"]
    if not isinstance(value, str):
        return [messages["type"]], value, True
    text = _js_trim(_js_string(value))
    if _SURROGATE.search(text):
        return [messages["surrogate"]], text, False
    if _CONTROL.search(text):
        return [messages["control"]], text, False
    length = len(text)
    if length < param.get("minLength", 0):
        return [messages["empty"]], text, False
    if length > param["maxLength"]:
        return [messages["tooLong"].replace("{got}", str(length))], text, False
    return [], text, False


def _check_enum(name: str, param: dict, value: Any) -> Check:
    if isinstance(value, str) and value in param["enum"]:
        return [], value, False
    return [param["messages"]["invalid"]], value, True


def _check_integer(name: str, param: dict, value: Any) -> Check:
    messages = param["messages"]
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return [messages["type"]], value, True
    if isinstance(value, numbers.Integral):
        number = int(value)
        if abs(number) >= _FLOAT_LIMIT:
            return [messages["type"]], value, True
    else:
        real = float(value)
        if not math.isfinite(real):
            return [messages["type"]], value, True
        if not real.is_integer():
            return [messages["fraction"]], value, True
        number = int(real)
    found = []
    if abs(number) > _MAX_SAFE_INTEGER:
        found.append(messages["unsafe"])
    if number < param["minimum"]:
        found.append(messages["tooSmall"])
    if number > param["maximum"]:
        found.append(messages["tooBig"])
    return found, number, False


def _check_hex(name: str, param: dict, value: Any) -> Check:
    if not isinstance(value, str):
        return [param["messages"]["type"]], value, True
    if not _PATTERNS[name].fullmatch(value):
        return [param["messages"]["pattern"]], value, False
    return [], _normalize_hex(value), False


def _check_hex_pair(name: str, param: dict, value: Any) -> Check:
    if not isinstance(value, str):
        return [param["messages"]["type"]], value, True
    if not _PATTERNS[name].fullmatch(value):
        return [param["messages"]["pattern"]], value, False
    return [], [_normalize_hex(_js_trim(part)) for part in value.split(",")], False


def _check_name(name: str, param: dict, value: Any) -> Check:
    messages = param["messages"]
    if not isinstance(value, str):
        return [messages["type"]], value, True
    found = []
    if "maxLength" in param and len(_js_string(value)) > param["maxLength"]:
        found.append(messages["tooLong"])
    if not _PATTERNS[name].fullmatch(value):
        found.append(messages["pattern"])
    return found, value, False


def _check_raw(name: str, param: dict, value: Any) -> Check:
    messages = param["messages"]
    if not isinstance(value, str):
        return [messages["type"]], value, True
    value = _js_string(value)
    found = []
    if len(value.encode("utf-8", "surrogatepass")) > param["maxBytes"]:
        found.append(messages["tooManyBytes"])
    # A lone surrogate cannot be percent-encoded; the SDK refuses it with an OgError too.
    if _SURROGATE.search(value):
        found.append(f"{name} must be valid Unicode text (it has a lone surrogate)")
    return found, value, False


_CHECKS: Dict[str, Callable[[str, dict, Any], Check]] = {
    "text": _check_text,
    "enum": _check_enum,
    "integer": _check_integer,
    "hex": _check_hex,
    "hexPair": _check_hex_pair,
    "name": _check_name,
    "raw": _check_raw,
}
_unknown_kinds = {param["kind"] for param in PARAMS.values()} - set(_CHECKS)
if _unknown_kinds:
    raise ImportError(f"ogkit.params cannot check parameters of kind {', '.join(sorted(_unknown_kinds))}")


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _unknown_key(key: str) -> OgIssue:
    shown = f"{key[:40]}\u2026" if len(key) > 40 else key
    best, best_distance = None, 3
    for name, param in PARAMS.items():
        # Wire names first, as the SDK suggests them; a snake_case key may be nearer a Python name.
        for candidate in dict.fromkeys((name, param["pythonName"])):
            distance = _levenshtein(key.lower(), candidate.lower())
            if distance < best_distance:
                best, best_distance = candidate, distance
    hint = f"; did you mean {best}?" if best else ""
    return {"path": key, "message": f"unknown parameter '{shown}'{hint}"}


def _entries(params: Params) -> List[Tuple[str, Any]]:
    """Key/value pairs: None means absent, a list or tuple is the key repeated (reported as such)."""
    items = params.items() if isinstance(params, Mapping) else params
    entries: List[Tuple[str, Any]] = []
    for key, value in items:
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            entries.extend((key, item) for item in value)
        else:
            entries.append((key, value))
    return entries


def _pair(value: Any) -> Tuple[Any, Any]:
    """What JavaScript's `const [from, to] = value` gives."""
    items = list(_js_string(value)) if isinstance(value, str) else list(value)
    items += [None, None]
    return items[0], items[1]


def _combination_issues(values: Dict[str, Any]) -> List[OgIssue]:
    issues: List[OgIssue] = []
    if values.get(_LAYOUT) == _METRIC and _VALUE not in values:
        issues.append({"path": _VALUE, "message": f"{_VALUE} is required when {_LAYOUT} is {_METRIC}"})
    for target, aliases in _ALIASES.items():
        if len(aliases) == 1:
            alias = aliases[0]
            given, other = values.get(alias), values.get(target)
            if _js_truthy(given) and _js_truthy(other) and given != other:
                issues.append({"path": alias, "message": f"{alias} and {target} disagree; give one"})
    for target, aliases in _ALIASES.items():
        if len(aliases) == 2:
            start, end = aliases
            if (start in values) != (end in values):
                missing = end if start in values else start
                issues.append({"path": missing, "message": f"{start} and {end} go together"})
            if all(_js_truthy(values.get(name)) for name in (start, end, target)):
                if _pair(values[target]) != (values[start], values[end]):
                    issues.append({"path": start, "message": f"{start}/{end} disagree with {target}; give one"})
    return issues


def _resolve(values: Dict[str, Any]) -> Dict[str, Any]:
    resolved = {name: value for name, value in values.items() if not PARAMS[name]["inputOnly"]}
    template = values.get(_TEMPLATE)
    builtin = BUILTIN_TEMPLATES.get(template) if isinstance(template, str) else None
    if resolved.get(_THEME) is None and builtin is not None:
        resolved[_THEME] = builtin
    if builtin is not None:
        del resolved[_TEMPLATE]
    for target, aliases in _ALIASES.items():
        if resolved.get(target) is not None:
            continue
        if len(aliases) == 1 and values.get(aliases[0]) is not None:
            resolved[target] = values[aliases[0]]
        elif len(aliases) == 2 and all(_js_truthy(values.get(name)) for name in aliases):
            resolved[target] = [values[name] for name in aliases]
    size = values.get(_SIZE)
    for dimension, pixels in (SIZE_PRESETS[size] if size else {}).items():
        resolved.setdefault(dimension, pixels)
    for name, param in PARAMS.items():
        if not param["inputOnly"] and param["default"] is not None:
            resolved.setdefault(name, param["default"])
    # Empty optional text renders as nothing, so it is left out like an absent param (as in the SDK).
    return {name: resolved[name] for name in PARAMS if resolved.get(name) not in (None, "")}


def parse_og_params(params: Params) -> Dict[str, Any]:
    """Validates parameters and returns the resolved ones a renderer receives, keyed by wire name.

    Keys are wire names (``titleColor``) or Python names (``title_color``). Aliases and presets are
    folded in, defaults applied, text trimmed and colors normalized, as the SDK's parseOgParams.

    :raises OgError: INVALID_PARAMS with one issue per bad field.
    """
    issues: List[OgIssue] = []
    values: Dict[str, Any] = {}
    counts: Dict[str, int] = {}
    for key, value in _entries(params):
        if key in SIGNATURE_KEYS:
            continue
        name = wire_name(key)
        if name is None:
            if key not in counts:
                issues.append(_unknown_key(key))
            counts[key] = 1
            continue
        counts[name] = counts.get(name, 0) + 1
        if counts[name] == 2:
            issues.append({"path": name, "message": f"{name} is given more than once; give it once"})
        # Query strings carry numbers as text; plain digits are decoded for numeric parameters.
        if PARAMS[name]["kind"] == "integer" and isinstance(value, str) and _DIGITS.fullmatch(value):
            value = int(value)
        values[name] = value

    found: List[OgIssue] = []
    checked: Dict[str, Any] = {}
    aborted = False
    for name, param in PARAMS.items():
        if name not in values:
            if param["required"]:
                found.append({"path": name, "message": param["messages"]["required"]})
                aborted = True
            continue
        messages, checked[name], abort = _CHECKS[param["kind"]](name, param, values[name])
        found.extend({"path": name, "message": message} for message in messages)
        aborted = aborted or abort
    if not aborted:
        found.extend(_combination_issues(checked))
    # A key already reported (repeated) gets no second, derived message.
    reported = {issue["path"] for issue in issues}
    issues.extend(issue for issue in found if issue["path"] not in reported)
    if issues:
        raise invalid_params(issues)
    return _resolve(checked)


def merge_params(defaults: Optional[Params], params: Params) -> List[Tuple[str, Any]]:
    """Defaults overlaid by params, per parameter whatever its spelling (``title_color`` replaces a
    default ``titleColor``); a param given as None removes the default, as undefined does in the SDK."""
    given = _raw_entries(params)
    overridden = {wire_name(key) or key for key, _ in given}
    kept = [(key, value) for key, value in _raw_entries(defaults or {}) if (wire_name(key) or key) not in overridden]
    return kept + given


def _raw_entries(params: Params) -> List[Tuple[str, Any]]:
    return list(params.items() if isinstance(params, Mapping) else params)
