"""Exact feasible ranges of linear forms over the statements (SciPy's linprog, HiGHS)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from .truth import Key, Statement, Truth

Row = tuple[dict[Key, float], float | None, float | None]


class Ranges:
    """The exact feasible range of linear forms over the statements, by linear programming.

    Variables fixed by a statement of their own are substituted first; the rest split into
    parts that share no statement (in practice one per year). Within a part, the cells whose
    variables take part in every statement alike (the same statements of their own, the
    same coefficients in the shared ones) are interchangeable; ``Problem`` solves each LP on
    the part with such cells added up by class, which is exact: the sums of ``k`` points of
    one convex set are ``k`` times that set, and the shared statements see only the sums.
    """

    def __init__(self, statements: list[Statement], truth: Truth) -> None:
        fixed: dict[Key, float] = {}
        rows: list[Row] = [(dict(s.terms), s.low, s.high) for s in statements]
        changed = True
        while changed:
            changed = False
            for terms, low, high in rows:
                live = {k: c for k, c in terms.items() if k not in fixed}
                if len(live) == 1 and low is not None and low == high:
                    (key, coef), rest = (
                        next(iter(live.items())),
                        sum(c * fixed[k] for k, c in terms.items() if k in fixed),
                    )
                    fixed[key] = (low - rest) / coef
                    changed = True
        self.fixed = fixed
        parent: dict[Key, Key] = {}

        def find(k: Key) -> Key:
            while parent.setdefault(k, k) != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        keys = sorted((set(truth.x) | {("cur", c) for c in truth.current}) - set(fixed))
        for key in keys:
            find(key)
        live_rows: list[Row] = []
        for terms, low, high in rows:
            live = {k: c for k, c in terms.items() if k not in fixed}
            rest = sum(c * fixed[k] for k, c in terms.items() if k in fixed)
            if live:
                live_rows.append((live, None if low is None else low - rest, None if high is None else high - rest))
                first = next(iter(live))
                for k in live:
                    parent[find(k)] = find(first)
        members: dict[Key, list[Key]] = defaultdict(list)
        for key in keys:
            members[find(key)].append(key)
        grouped: dict[Key, list[Row]] = defaultdict(list)
        for row in live_rows:
            grouped[find(next(iter(row[0])))].append(row)
        self.part_of = {k: root for root, ks in members.items() for k in ks}
        self.parts = {root: Problem(ks, grouped[root]) for root, ks in members.items()}

    def range(self, terms: dict[Key, float]) -> tuple[float, float]:
        low = high = sum(c * self.fixed[k] for k, c in terms.items() if k in self.fixed)
        live = {k: c for k, c in terms.items() if k not in self.fixed}
        for root in {self.part_of[k] for k in live}:
            a, b = self.parts[root].range({k: c for k, c in live.items() if self.part_of[k] == root})
            low, high = low + a, high + b
        return low, high

    @property
    def solved(self) -> int:
        return sum(p.solved for p in self.parts.values())


class Problem:
    """One part: its cells (units), their classes of interchangeable cells, its LPs."""

    def __init__(self, keys: list[Key], rows: list[Row]) -> None:
        self.units: dict[str, list[Key]] = defaultdict(list)
        for key in keys:
            self.units[key[1]].append(key)
        self.local: dict[str, list[Row]] = defaultdict(list)
        self.shared: list[Row] = []
        for row in rows:
            owners = {k[1] for k in row[0]}
            (self.local[owners.pop()] if len(owners) == 1 else self.shared).append(row)
        self.position = {k: i for ks in self.units.values() for i, k in enumerate(ks)}
        # Each shared statement by cell: the cell's coefficients there, by position.
        self.by_unit: list[dict[str, list[tuple[int, float]]]] = []
        for terms, _, _ in self.shared:
            split: dict[str, list[tuple[int, float]]] = defaultdict(list)
            for k, c in terms.items():
                split[k[1]].append((self.position[k], c))
            self.by_unit.append(split)
        classes: dict[tuple, list[str]] = defaultdict(list)
        for unit in sorted(self.units):
            classes[self._signature(unit)].append(unit)
        self.classes = list(classes.values())
        self.class_of = {u: i for i, units in enumerate(self.classes) for u in units}
        self.cache: dict[tuple, tuple[float, float]] = {}
        self.solved = 0

    def _layout(self, unit: str) -> tuple:
        return tuple(k[:1] + k[2:] for k in self.units[unit])  # the unit's variables, cell left out

    def _signature(self, unit: str) -> tuple:
        """What a cell is to the statements: its variables, its own statements, its
        coefficients in the shared ones. Cells with the same signature are interchangeable."""
        local = sorted(
            (
                tuple(sorted((self.position[k], c) for k, c in terms.items())),
                -np.inf if low is None else low,
                np.inf if high is None else high,
            )
            for terms, low, high in self.local[unit]
        )
        shared = tuple((i, tuple(sorted(split[unit]))) for i, split in enumerate(self.by_unit) if unit in split)
        return self._layout(unit), tuple(local), shared

    def range(self, terms: dict[Key, float]) -> tuple[float, float]:
        """``terms``' exact range: on the classes added up, with the cells ``terms`` names on
        their own unless ``terms`` treats every cell of their class alike."""
        alone = sorted({k[1] for k in terms})
        by_class: dict[int, list[str]] = defaultdict(list)
        for unit in alone:
            by_class[self.class_of[unit]].append(unit)
        whole = [
            i
            for i, units in by_class.items()
            if len(units) == len(self.classes[i])
            and len({tuple(terms.get(k, 0.0) for k in self.units[u]) for u in units}) == 1
        ]
        alone = [u for u in alone if self.class_of[u] not in whole]
        signature = (
            tuple(
                sorted(
                    (self.class_of[k[1]], self._layout(k[1]).index(k[:1] + k[2:]), c)
                    for k, c in terms.items()
                    if k[1] in alone
                )
            ),
            tuple(sorted((i, tuple(terms.get(k, 0.0) for k in self.units[self.classes[i][0]])) for i in whole)),
            tuple(sorted(self.class_of[u] for u in alone)),
        )
        if signature not in self.cache:
            self.cache[signature] = self._solve(terms, alone, whole)
        return self.cache[signature]

    def _solve(self, terms: dict[Key, float], alone: list[str], whole: list[int]) -> tuple[float, float]:
        columns: dict[tuple, int] = {}  # ("u", unit, key) or ("c", class, position) → LP column

        def column(name: tuple) -> int:
            return columns.setdefault(name, len(columns))

        left = {i: len(units) - sum(1 for u in alone if self.class_of[u] == i) for i, units in enumerate(self.classes)}
        ub: list[dict[int, float]] = []
        ub_b: list[float] = []
        eq: list[dict[int, float]] = []
        eq_b: list[float] = []

        def add(vector: dict[int, float], low: float | None, high: float | None, scale: float = 1.0) -> None:
            if low is not None and low == high:
                eq.append(vector)
                eq_b.append(low * scale)
                return
            if high is not None:
                ub.append(vector)
                ub_b.append(high * scale)
            if low is not None:
                ub.append({i: -c for i, c in vector.items()})
                ub_b.append(-low * scale)

        def place(key: Key) -> int:
            unit = key[1]
            if unit in alone:
                return column(("u", unit, key))
            return column(("c", self.class_of[unit], self.position[key]))

        for unit in alone:
            for row_terms, low, high in self.local[unit]:
                add({place(k): c for k, c in row_terms.items()}, low, high)
        for i, units in enumerate(self.classes):
            if left[i]:  # the class's other cells, added up: their statements scaled by their number
                for row_terms, low, high in self.local[units[0]]:
                    add({column(("c", i, self.position[k])): c for k, c in row_terms.items()}, low, high, left[i])
        for (_, low, high), split in zip(self.shared, self.by_unit):
            vector: dict[int, float] = defaultdict(float)
            for unit in alone:
                for position, coef in split.get(unit, ()):
                    vector[column(("u", unit, self.units[unit][position]))] += coef
            for i, units in enumerate(self.classes):  # once per class: its cells share these coefficients
                if left[i] and units[0] in split:
                    for position, coef in split[units[0]]:
                        vector[column(("c", i, position))] += coef
            add(dict(vector), low, high)
        objective: dict[int, float] = defaultdict(float)
        for k, c in terms.items():
            if k[1] in alone:
                objective[place(k)] += c
        for i in whole:
            first = self.classes[i][0]
            for position, k in enumerate(self.units[first]):
                objective[column(("c", i, position))] += terms.get(k, 0.0)
        for unit in alone:
            for k in self.units[unit]:
                place(k)
        for i, units in enumerate(self.classes):
            if left[i]:
                for position in range(len(self.units[units[0]])):
                    column(("c", i, position))
        width = len(columns)
        c = np.zeros(width)
        for i, v in objective.items():
            c[i] = v
        a_ub = _matrix(ub, width) if ub else None
        a_eq = _matrix(eq, width) if eq else None
        low = self._lp(c, a_ub, np.array(ub_b) if ub else None, a_eq, np.array(eq_b) if eq else None)
        high = -self._lp(-c, a_ub, np.array(ub_b) if ub else None, a_eq, np.array(eq_b) if eq else None)
        return low, high

    def _lp(self, c: np.ndarray, a_ub, b_ub, a_eq, b_eq) -> float:
        self.solved += 1
        done = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        if done.status == 3:  # unbounded: no limit on that side
            return -np.inf
        assert done.status == 0, f"LP failed: {done.message}"
        return float(done.fun)


def _matrix(rows: list[dict[int, float]], width: int) -> csr_matrix:
    data, cols, ptr = [], [], [0]
    for row in rows:
        for i, c in row.items():
            cols.append(i)
            data.append(c)
        ptr.append(len(data))
    return csr_matrix((np.array(data, dtype=float), np.array(cols), np.array(ptr)), shape=(len(rows), width))
