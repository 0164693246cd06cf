"""Python values as the scenario loader reads them: `--set key=value` text (YAML flow
style), the cell a result table writes for a design point, and the point's JSON."""

import json
import math
import numbers
import re

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def _plain(value):
    """A value made of Python's own types (numpy scalars and arrays become them)."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy scalars and arrays, pandas' too
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number; a scenario value must be one")
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    raise TypeError(f"{value!r} ({type(value).__name__}) is not a value a scenario can hold")


def yaml_text(value):
    """The value in YAML flow style, as `--set` and `--sweep` read it: 0.25, true,
    USA, [USA, NLD], {effort: 0.5}. Floats are written in their shortest exact form."""
    value = _plain(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value if _PLAIN.match(value) and value.lower() not in ("true", "false", "null", "yes", "no", "on", "off") \
            else json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_text(v) for v in value) + "]"
    return "{" + ", ".join(f"{k}: {yaml_text(v)}" for k, v in value.items()) + "}"


def json_text(value):
    return json.dumps(_plain(value))


def set_options(overrides):
    """A dict {key.path: value} as `--set` options, in the dict's order."""
    if overrides is None:
        return []
    if not isinstance(overrides, dict):
        raise TypeError("overrides are a dict {key.path: value}, e.g. {'steps': 12}")
    return [f"{key}={yaml_text(value)}" for key, value in overrides.items()]


def design_points(design):
    """A design (a list of dicts, or a DataFrame with one column per key path) as its
    keys, and per point its --set options, its table cells and its JSON values."""
    if hasattr(design, "to_dict") and hasattr(design, "columns"):
        keys = [str(c) for c in design.columns]
        rows = design.to_dict("records")
    else:
        rows = list(design)
        if not all(isinstance(r, dict) for r in rows):
            raise TypeError("a design is a list of dicts {key.path: value} or a DataFrame, one point per row")
        keys = []
        for r in rows:
            for k in r:
                if k not in keys:
                    keys.append(str(k))
        for n, r in enumerate(rows):
            missing = [k for k in keys if k not in r]
            if missing:
                raise ValueError(f"design point {n} has no value for {', '.join(missing)}; every point sets every key")
    if not rows:
        raise ValueError("the design has no points")
    options = [[f"{k}={yaml_text(r[k])}" for k in keys] for r in rows]
    cells = [[yaml_text(r[k]) for k in keys] for r in rows]
    values = [[json_text(r[k]) for k in keys] for r in rows]
    return keys, options, cells, values
