"""The status colours of the reports: readable text, one shape each, apart without colour.

Contrast is WCAG 2's formula: relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B of
the linearised channels, ratio (L1 + 0.05) / (L2 + 0.05).  Colour blindness is simulated
with Machado, Oliveira & Fernandes (2009), deuteranopia at full severity, and colours are
compared in CIELAB (ΔE 1976).
"""

from __future__ import annotations

import itertools
import math

import pytest

from kh284.i18n import TARGET_LABELS, TASK_LABELS
from kh284.i18n.statuses import TARGET_STATUSES as TARGET_LOOKS
from kh284.i18n.statuses import TASK_STATUSES as TASK_LOOKS
from kh284.i18n.statuses import by_attention

# each field of the one table of status records (i18n.statuses), by status
TARGET_COLOURS = {str(s): r.colour for s, r in TARGET_LOOKS.items()}
TARGET_INKS = {str(s): r.ink for s, r in TARGET_LOOKS.items()}
TARGET_TINTS = {str(s): r.tint for s, r in TARGET_LOOKS.items()}
TARGET_LINES = {str(s): r.line for s, r in TARGET_LOOKS.items()}
TARGET_SYMBOLS = {str(s): r.symbol for s, r in TARGET_LOOKS.items()}
TASK_COLOURS = {str(s): r.colour for s, r in TASK_LOOKS.items()}
TASK_INKS = {str(s): r.ink for s, r in TASK_LOOKS.items()}
TASK_TINTS = {str(s): r.tint for s, r in TASK_LOOKS.items()}
TASK_SYMBOLS = {str(s): r.symbol for s, r in TASK_LOOKS.items()}
TARGET_SEVERITY = tuple(by_attention(TARGET_LOOKS))

#: The page's ink (html.STYLE ``--ink``), the text on every tinted row and tile.
INK = "#1f2328"
#: Added by the targets engineer (issue 15): one figure is not "no data".
NEW_TARGET_STATUSES = {"insufficient_data"}
TARGET_STATUSES = set(TARGET_LABELS) | NEW_TARGET_STATUSES


def channels(colour: str) -> tuple[float, float, float]:
    """The linear R, G, B of ``#rrggbb`` (the sRGB transfer function undone)."""

    def lin(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return lin(r), lin(g), lin(b)


def luminance(colour: str) -> float:
    r, g, b = channels(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(r: float, g: float, b: float) -> tuple[float, float, float]:
    """CIELAB (D65) of linear sRGB."""
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)


def seen_by_deuteranope(colour: str) -> tuple[float, float, float]:
    rgb = channels(colour)
    r, g, b = (
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
        for row in DEUTERANOPIA
    )
    return lab(r, g, b)


def test_the_formula_on_known_pairs() -> None:
    # black on white is (1 + 0.05) / (0 + 0.05) = 21
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    # #7a1e00 (missed, overdue): R 122/255 = 0.478 -> ((0.478 + 0.055) / 1.055)^2.4 = 0.1946,
    # G 30/255 = 0.118 -> 0.0129, B 0; L = 0.2126 * 0.1946 + 0.7152 * 0.0129 = 0.0506;
    # on white (1.05) / (0.1006) = 10.4
    assert contrast("#7a1e00", "#ffffff") == pytest.approx(10.4, abs=0.05)
    # #009e73 (achieved): G 158/255 = 0.620 -> 0.3419, B 115/255 = 0.451 -> 0.1714;
    # L = 0.7152 * 0.3419 + 0.0722 * 0.1714 = 0.2569; with black 0.3069 / 0.05 = 6.1
    assert contrast("#009e73", "#000000") == pytest.approx(6.14, abs=0.02)


@pytest.mark.parametrize(
    ("colours", "inks", "statuses"),
    [
        (TARGET_COLOURS, TARGET_INKS, TARGET_STATUSES),
        (TASK_COLOURS, TASK_INKS, set(TASK_LABELS)),
    ],
    ids=["targets", "tasks"],
)
def test_every_status_has_a_colour_and_readable_text_on_it(
    colours: dict[str, str], inks: dict[str, str], statuses: set[str]
) -> None:
    assert set(colours) == set(inks) == statuses
    for status, colour in colours.items():
        assert contrast(colour, inks[status]) >= 4.5, status


@pytest.mark.parametrize("tints", [TARGET_TINTS, TASK_TINTS], ids=["targets", "tasks"])
def test_text_on_every_tint_is_readable(tints: dict[str, str]) -> None:
    for status, tint in tints.items():
        assert contrast(tint, INK) >= 4.5, status


def test_chart_lines_stand_out_on_white() -> None:
    assert set(TARGET_LINES) == TARGET_STATUSES
    for status, colour in TARGET_LINES.items():
        assert contrast(colour, "#ffffff") >= 3.0, status  # WCAG 1.4.11, graphics


@pytest.mark.parametrize(
    ("symbols", "statuses"),
    [(TARGET_SYMBOLS, TARGET_STATUSES), (TASK_SYMBOLS, set(TASK_LABELS))],
    ids=["targets", "tasks"],
)
def test_one_distinct_shape_per_status(symbols: dict[str, str], statuses: set[str]) -> None:
    """In grey (a black-and-white printer) the shape tells every status apart."""
    assert set(symbols) == statuses
    assert len(set(symbols.values())) == len(symbols)
    assert all(len(shape) == 1 and not shape.isalnum() for shape in symbols.values())


@pytest.mark.parametrize("colours", [TARGET_COLOURS, TASK_COLOURS], ids=["targets", "tasks"])
def test_statuses_stay_apart_under_deuteranopia(colours: dict[str, str]) -> None:
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        assert math.dist(seen_by_deuteranope(ca), seen_by_deuteranope(cb)) >= 15, (a, b)


def test_achieved_and_missed_differ_in_grey() -> None:
    """The pair the issue names ("Đã đạt", "Không đạt" the same olive) also differs in
    lightness: printed in grey, missed is far darker than achieved."""
    achieved, missed = (
        lab(*channels(TARGET_COLOURS["achieved"]))[0],
        lab(*channels(TARGET_COLOURS["missed"]))[0],
    )
    assert achieved - missed >= 25


def test_severity_orders_every_target_status() -> None:
    assert set(TARGET_SEVERITY) == TARGET_STATUSES
    assert TARGET_SEVERITY[0] == "missed" and TARGET_SEVERITY[-1] == "achieved"
