"""How far the facts of the real cases can tell the chosen form at all: a statistical bound (#18).

The hand-written criteria table ranks the chosen form of the real cases first about 6 times in
10 on the validation set. Is the rest a matter of rules, or of what the profiles hold? This
script answers with models that know no law at all: they learn, from the development cases
only, which form goes with which facts, and are measured on the validation cases — the same
split, the same cases and the same facts (``gesform.facts.derive_facts``) as the rules.

* **features**: each fact of the profile, encoded one-hot (``fact=value``; a set fact gives
  one feature per value it says yes or no to; a number gives ``log(1 + n)`` and a "known"
  flag). An unknown fact gives no feature, as it gives no weight to the rules;
* **models** (scikit-learn, fixed seeds): a multinomial logistic regression (L2, C = 0.3) and a
  random forest (500 trees by default);
* **measures**: top-1 and top-3 on validation after learning on dev; and, as a second look,
  5-fold stratified cross-validation over dev and validation together, and the learning
  curve of the logistic regression (each fold learning on a quarter, half, three quarters and
  all of its cases): a curve that flattens says more cases of the same kind will not help.

What the figures mean: a model that learns base rates (a sector, a kind of member) with no
reason to give is not advice; gesform does not use it. Its score bounds what the same facts can
tell — if it stays far under the target, richer profiles, not other weights, are what is
missing. The script only prints (French, Markdown).

Needs scikit-learn (``pip install -e '.[analysis]'``); gesform itself never imports it.

Usage::

    PYTHONPATH=src python scripts/information_ceiling.py
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from gesform.facts import derive_facts  # noqa: E402
from gesform.facts.registry import Facts  # noqa: E402
from gesform.validation import load_cases, run_case  # noqa: E402

EVIDENCE = ROOT / "tests" / "evidence"
COMMAND = "PYTHONPATH=src python scripts/information_ceiling.py"
SEED = 0
#: Shares of each fold's training cases in the learning curve.
CURVE = (0.25, 0.5, 0.75, 1.0)


def encode(facts: Facts) -> dict[str, float]:
    """One-hot features of *facts*: unknown facts and unknown set values give none."""
    features: dict[str, float] = {}
    for name, value in facts.items():
        if value is None:
            continue
        if isinstance(value, bool | str):
            features[f"{name}={value}"] = 1.0
        elif isinstance(value, int | float):
            features[name] = math.log1p(max(float(value), 0.0))
            features[f"{name}?"] = 1.0
        else:
            for item, said in value.items():
                if said is not None:
                    features[f"{name}:{item}={said}"] = 1.0
    return features


def dataset(name: str) -> tuple[list[dict[str, float]], list[str]]:
    """Features and chosen form of every case of ``tests/evidence/<name>``."""
    cases = load_cases(EVIDENCE / name)
    return [encode(derive_facts(c.profile)) for c in cases], [c.expect.chosen for c in cases]


def rules_measure(name: str) -> tuple[int, int, int]:
    """gesform's own rules on a set: (top-1 hits, top-3 hits, cases)."""
    outcomes = [run_case(c) for c in load_cases(EVIDENCE / name)]
    return sum(o.first for o in outcomes), sum(o.in_top3 for o in outcomes), len(outcomes)


def top_k_hits(classes: Sequence[str], proba: Any, truth: Sequence[str], k: int) -> int:
    """How many rows of *proba* put their true class among their *k* most probable."""
    hits = 0
    for row, y in zip(proba, truth, strict=True):
        ranked = sorted(range(len(classes)), key=lambda i: (-row[i], classes[i]))[:k]
        hits += y in {classes[i] for i in ranked}
    return hits


def models(trees: int = 500) -> Mapping[str, Any]:
    """The models compared, by French label (scikit-learn, fixed seeds)."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression

    return {
        "régression logistique (C = 0,3)": LogisticRegression(C=0.3, max_iter=5000),
        f"forêt aléatoire ({trees} arbres)": RandomForestClassifier(
            n_estimators=trees, random_state=SEED
        ),
    }


def learning_curve(
    model: Any, features: Any, labels: Any, folds: Any, shares: Sequence[float] = CURVE
) -> list[tuple[int, int]]:
    """For each share of each fold's training cases (a fixed random subset): the cases learnt
    per fold and the cases of all folds then put first."""
    from sklearn.base import clone

    rng = random.Random(SEED)
    splits = list(folds.split(features, labels))
    out = []
    for share in shares:
        hits, learnt = 0, 0
        for train, test in splits:
            kept = sorted(rng.sample(list(train), max(1, round(len(train) * share))))
            fitted = clone(model).fit(features[kept], labels[kept])
            hits += int((fitted.predict(features[test]) == labels[test]).sum())
            learnt = len(kept)
        out.append((learnt, hits))
    return out


def _pct(k: int, n: int) -> str:
    return f"{k}/{n} ({100 * k / n:.0f} %)" if n else "—"


def main(argv: list[str] | None = None) -> int:
    """Print the table: the rules, then each model, on the same split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5, help="plis de la validation croisée")
    parser.add_argument("--trees", type=int, default=500, help="arbres de la forêt aléatoire")
    args = parser.parse_args(argv)
    try:
        import numpy as np
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError:
        print(
            "scikit-learn manque : pip install -e '.[analysis]' "
            "/ scikit-learn is missing: pip install -e '.[analysis]'",
            file=sys.stderr,
        )
        return 2

    x_dev, y_dev = dataset("dev")
    x_val, y_val = dataset("validation")
    vectorizer = DictVectorizer(sparse=False)
    a_dev = vectorizer.fit_transform(x_dev)
    a_val = vectorizer.transform(x_val)
    a_all = np.vstack([a_dev, a_val])
    y_all = np.array(y_dev + y_val)
    n_val, n_all = len(y_val), len(y_all)

    dev1, _, n_dev = rules_measure("dev")
    val1, val3, _ = rules_measure("validation")
    print("# Ce que les faits des cas réels disent de la forme choisie\n")
    print(f"{n_dev} cas de dev, {n_val} de validation ; {a_dev.shape[1]} traits.\n")
    print(
        "| Qui classe | Validation, top-1 | Validation, top-3 | "
        f"Validation croisée ({args.folds} plis, tous les cas), top-1 |"
    )
    print("| --- | ---: | ---: | ---: |")
    print(
        f"| règles de gesform (pesées sur le jeu dev seul) | {_pct(val1, n_val)} | "
        f"{_pct(val3, n_val)} | {_pct(dev1 + val1, n_all)} (dev et validation réunis, sans pli) |"
    )
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=SEED)
    for label, model in models(args.trees).items():
        model.fit(a_dev, y_dev)
        classes = list(model.classes_)
        proba = model.predict_proba(a_val)
        top1 = top_k_hits(classes, proba, y_val, 1)
        top3 = top_k_hits(classes, proba, y_val, 3)
        cv = cross_val_predict(model, a_all, y_all, cv=folds)
        cv1 = int((cv == y_all).sum())
        print(f"| {label} | {_pct(top1, n_val)} | {_pct(top3, n_val)} | {_pct(cv1, n_all)} |")
    print(
        "\nCourbe d'apprentissage de la régression logistique (validation croisée, chaque pli "
        "n'apprenant que sur une part de ses cas) : si la part de cas bien classés plafonne, "
        "plus de cas du même genre n'y changeront guère.\n"
    )
    print("| Cas appris par pli | top-1 |")
    print("| ---: | ---: |")
    first_model = next(iter(models(args.trees).values()))
    for learnt, hits in learning_curve(first_model, a_all, y_all, folds):
        print(f"| {learnt} | {_pct(hits, n_all)} |")
    print(
        "\nUn modèle appris sans la loi ne donne aucune raison : son score borne ce que ces "
        "faits peuvent dire, il n'est pas un conseil."
    )
    print(f"\nReproduire : `{COMMAND}`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
