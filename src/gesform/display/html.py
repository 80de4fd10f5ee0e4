"""Notebook HTML: French tables with verdict badges, score bars, reasons and their sources.

Every value is escaped; colours and widths are also set inline so that a notebook that strips
``<style>`` still shows the badges and the bars.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ..documents import source_label
from ..models.catalog import Catalog, Form
from ..models.precedents import Precedents
from ..models.profile import Profile, listed_members
from ..models.results import Assessment, Reason, Recommendation, Verdict
from ..models.sources import LegalBasis, SourceRef
from .setups import SETUPS_TITLE, setup_line
from .words import (
    MEMBER_COLUMNS,
    NOTICE,
    PIVOTAL_TITLE,
    PRECEDENTS_TITLE,
    PivotalQuestion,
    answer_label,
    close_call_sentence,
    member_rows,
    members_text,
    pivotal_question_items,
    pivotal_reach_sentence,
    precedent_items,
    precedents_sentences,
    profile_answers,
    reason_sign,
    track_record_sentence,
)

if TYPE_CHECKING:
    from ..compare import Comparison

__all__ = [
    "MEMBER_COLUMNS",
    "NOTICE",
    "VERDICT_COLORS",
    "answer_label",
    "assessment_html",
    "catalog_html",
    "comparison_html",
    "form_html",
    "member_rows",
    "profile_answers",
    "profile_html",
    "recommendation_html",
]

#: Badge and bar colour of each verdict (excluded forms are grey).
VERDICT_COLORS: dict[Verdict, str] = {
    Verdict.recommended: "#1a7f37",
    Verdict.possible: "#0969da",
    Verdict.conditional: "#9a6700",
    Verdict.excluded: "#8c959f",
}

_CSS = """
.gesform{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;
line-height:1.45;max-width:1100px}
.gesform table{border-collapse:collapse;margin:.4em 0 .8em}
.gesform th,.gesform td{text-align:left;vertical-align:top;padding:4px 8px;
border-bottom:1px solid rgba(128,128,128,.3)}
.gesform th{font-weight:600}
.gesform .gf-badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;
font-size:12px;font-weight:600;white-space:nowrap}
.gesform .gf-bar{display:inline-block;width:110px;height:9px;border-radius:5px;
background:rgba(128,128,128,.22);vertical-align:middle;margin-right:6px}
.gesform .gf-bar>span{display:block;height:100%;border-radius:5px}
.gesform ul{margin:.2em 0;padding-left:1.3em}
.gesform .gf-for{color:#1a7f37}.gesform .gf-against{color:#cf222e}
.gesform .gf-sign{font-family:ui-monospace,monospace;font-weight:600}
.gesform .gf-src,.gesform .gf-muted{opacity:.75;font-size:12px}
.gesform summary{cursor:pointer}
.gesform .gf-notice{font-size:12px;opacity:.8;margin-top:.5em}
""".strip()


# --- small pieces ------------------------------------------------------------------------------
def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _style() -> str:
    return f"<style>{_CSS}</style>"


def _wrap(body: str) -> str:
    return f'<div class="gesform">{_style()}{body}</div>'


def _link(label: str, url: object | None) -> str:
    if not url:
        return _e(label)
    return f'<a href="{_e(url)}" target="_blank" rel="noopener">{_e(label)}</a>'


def _badge(verdict: Verdict) -> str:
    return (
        f'<span class="gf-badge gf-{verdict.value}" '
        f'style="background:{VERDICT_COLORS[verdict]};color:#fff">{_e(verdict.label)}</span>'
    )


def _bar(score: int, verdict: Verdict) -> str:
    return (
        f'<span class="gf-bar" title="{score}/100"><span style="width:{score}%;'
        f'background:{VERDICT_COLORS[verdict]}"></span></span><strong>{score}</strong>'
    )


def _reason_li(r: Reason) -> str:
    cls = "gf-for" if r.direction == "for" else "gf-against"
    return (
        f'<li><span class="gf-sign {cls}">{_e(reason_sign(r))}</span> {_e(r.because)} '
        f'<span class="gf-src">— {_link(r.source.label, r.source.url)}</span></li>'
    )


def _ul(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def _li_texts(texts: Iterable[object]) -> str:
    return _ul(f"<li>{_e(t)}</li>" for t in texts)


def _source_html(ref: SourceRef, bases: dict[str, LegalBasis], catalog: Catalog | None) -> str:
    if ref.legal_basis is not None:
        basis = bases.get(ref.legal_basis)
        if basis is None and catalog is not None:
            basis = catalog.legal_bases.get(ref.legal_basis)
        if basis is None:
            return _e(ref.legal_basis)
        return _link(basis.label, basis.url)
    if ref.url is not None:
        return _link(ref.title or str(ref.url), ref.url)
    return _e(source_label(ref, catalog))


# --- recommendation and assessment ---------------------------------------------------------------
def _open_questions_html(a: Assessment) -> str:
    if not a.missing:
        return ""
    return _ul(
        f"<li>{'<strong>décisive</strong> — ' if q.decisive else ''}{_e(q.question)}"
        f"{f' <span class=gf-muted>({_e(q.help)})</span>' if q.help else ''}</li>"
        for q in a.missing
    )


def _main_reason(a: Assessment) -> Reason | None:
    main = a.reasons_against if a.verdict is Verdict.excluded else a.reasons_for
    return main[0] if main else (a.reasons[0] if a.reasons else None)


def _close_call_html(
    rec: Recommendation, questions: Sequence[PivotalQuestion] | None = None
) -> str:
    """The « classement serré » sentence as a paragraph, or nothing; with the pivotal
    *questions* listed below it, the sentence does not name its own."""
    sentence = close_call_sentence(rec, listed=questions)
    return f"<p><strong>{_e(sentence)}</strong></p>" if sentence else ""


def _pivotal_html(rec: Recommendation, questions: Sequence[PivotalQuestion] | None) -> str:
    """The pivotal questions as a list, then their measured reach; nothing when none."""
    items = pivotal_question_items(rec, questions or ())
    if not items:
        return ""
    reach = pivotal_reach_sentence(rec)
    return f"<p><strong>{_e(PIVOTAL_TITLE)}</strong></p>{_li_texts(items)}" + (
        f'<p class="gf-muted">{_e(reach)}</p>' if reach else ""
    )


def _precedents_html(found: Precedents | None) -> str:
    """The close real cases: what they chose and what it is worth, then one item each (name
    linked to its source, chosen form, similarity, shared facts); nothing without them."""
    if found is None or not found.neighbours:
        return ""
    sentences = precedents_sentences(found)
    items = "".join(
        f'<li>{_link(i["name"], i["url"])} <span class="gf-muted">({_e(i["publisher"])})'
        "</span> — a choisi "
        f"<strong>{_e(i['form'])}</strong> ; proximité {_e(i['similarity'])} ; en commun : "
        f"{_e(i['shared'])}</li>"
        for i in precedent_items(found)
    )
    return (
        f"<p><strong>{_e(PRECEDENTS_TITLE)}</strong></p><p>{_e(' '.join(sentences))}</p>"
        f"<ul>{items}</ul>"
    )


def _track_record_html(rec: Recommendation) -> str:
    """The « fiabilité mesurée » sentence as a paragraph, or nothing."""
    sentence = track_record_sentence(rec)
    return f"<p>{_e(sentence)}</p>" if sentence else ""


def recommendation_html(
    rec: Recommendation,
    *,
    questions: Sequence[PivotalQuestion] | None = None,
    precedents: Precedents | None = None,
) -> str:
    """The ranking: one row per form with badge, score bar, unfoldable reasons, open questions.

    *questions*: the answer's pivotal questions (``gesform.guidance.pivotal_questions``),
    listed after the measured track record; None leaves the close-call sentence to name the
    separating open questions instead. *precedents*: the real cases close to the profile
    (``gesform.precedents``), listed after the pivotal questions.
    """
    title = f"Orientation pour « {rec.profile.name} »" if rec.profile.name else "Orientation"
    rows = []
    for a in rec.results:
        main = _main_reason(a)
        summary = _e(main.because) if main else "<em>aucune règle ne s'applique</em>"
        counts = f"{len(a.reasons_for)} pour, {len(a.reasons_against)} contre"
        detail = _ul(_reason_li(r) for r in a.reasons)
        if a.vehicles:
            detail += "<p>Support proposé : " + ", ".join(
                f"<strong>{_e(v.name)}</strong> — {_e(v.why)}" for v in a.vehicles
            )
            detail += "</p>"
        reasons = (
            f"<details><summary>{summary} <span class=gf-muted>({counts})</span></summary>"
            f"{detail}</details>"
            if detail
            else summary
        )
        open_cell = (
            f"<details><summary>{len(a.missing)} question(s)</summary>"
            f"{_open_questions_html(a)}</details>"
            if a.missing
            else '<span class="gf-muted">—</span>'
        )
        rows.append(
            f"<tr><td>{a.rank}</td><td><strong>{_e(a.name)}</strong><br>"
            f'<code class="gf-muted">{_e(a.structure_id)}</code></td>'
            f"<td>{_badge(a.verdict)}</td><td style='white-space:nowrap'>"
            f"{_bar(a.score, a.verdict)}</td><td>{reasons}</td><td>{open_cell}</td></tr>"
        )
    body = (
        f"<p><strong>{_e(title)}</strong> — {len(rec.results)} formes évaluées "
        f'<span class="gf-muted">(gesform {_e(rec.gesform_version)}, catalogue '
        f"{_e(rec.catalog_version)}, règles {_e(rec.rules_version)}, moteur {_e(rec.engine)})"
        "</span></p>"
        "<table><thead><tr><th>#</th><th>Forme</th><th>Verdict</th><th>Score</th>"
        "<th>Raisons (cliquer pour déplier)</th><th>Questions ouvertes</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"{_close_call_html(rec, questions)}"
        f"{_track_record_html(rec)}"
        f"{_pivotal_html(rec, questions)}"
        f"{_precedents_html(precedents)}"
        f"{_setups_html(rec)}"
        f'<p class="gf-notice">{_e(NOTICE)}</p>'
    )
    return _wrap(body)


def _setups_html(rec: Recommendation) -> str:
    """The proposed set-ups, escaped (empty when none)."""
    if not rec.setups:
        return ""
    items = "".join(
        f"<li><strong>{_e(setup_line(s))}</strong>. {_e(s.summary)} {_e(s.because)}"
        f'<br><span class="gf-muted">Sources : {_e(" ; ".join(s.sources))}</span></li>'
        for s in rec.setups
    )
    return f"<p><strong>{_e(SETUPS_TITLE)}</strong></p><ul>{items}</ul>"


def assessment_html(a: Assessment) -> str:
    """One form assessed: verdict, score, every reason for and against, vehicle, open questions."""
    parts = [
        f"<p><strong style='font-size:15px'>{_e(a.name)}</strong> "
        f"<code class='gf-muted'>{_e(a.structure_id)}</code> {_badge(a.verdict)} "
        f"&nbsp;{_bar(a.score, a.verdict)}<span class='gf-muted'>/100 — rang {a.rank}</span></p>"
    ]
    if a.reasons_for:
        parts.append("<p><strong>Pour</strong></p>" + _ul(_reason_li(r) for r in a.reasons_for))
    if a.reasons_against:
        parts.append(
            "<p><strong>Contre</strong></p>" + _ul(_reason_li(r) for r in a.reasons_against)
        )
    if not a.reasons:
        parts.append("<p class='gf-muted'>Aucune règle ne s'applique à ce profil.</p>")
    if a.vehicles:
        parts.append(
            "<p><strong>Support proposé</strong></p>"
            + _ul(
                f"<li><strong>{_e(v.name)}</strong> — {_e(v.why)}"
                + (
                    f" <span class=gf-src>— {_link(v.source.label, v.source.url)}</span>"
                    if v.source
                    else ""
                )
                + "</li>"
                for v in a.vehicles
            )
        )
    if a.missing:
        parts.append("<p><strong>Questions ouvertes</strong></p>" + _open_questions_html(a))
    return _wrap("".join(parts))


# --- profile -------------------------------------------------------------------------------
def _table(head: Sequence[str], rows: Iterable[Sequence[str]], *, escaped: bool = False) -> str:
    cell = (lambda c: c) if escaped else _e
    return (
        "<table><thead><tr>"
        + "".join(f"<th>{_e(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in rows)
        + "</tbody></table>"
    )


def profile_html(p: Profile) -> str:
    """The group as described: members and every answered question, in French."""
    parts = [f"<p><strong style='font-size:15px'>{_e(p.name or 'Groupe sans nom')}</strong></p>"]
    if p.description:
        parts.append(f"<p>{_e(p.description)}</p>")
    if p.territory:
        parts.append(f"<p>Territoire : {_e(p.territory)}</p>")
    if p.members:
        parts.append(f"<p><strong>Membres ({listed_members(p)})</strong></p>")
        parts.append(_table([t for _, t in MEMBER_COLUMNS], member_rows(p)))
    answers = profile_answers(p)
    if answers:
        parts.append("<p><strong>Réponses</strong></p>" + _table(["Question", "Réponse"], answers))
    from ..questions import QUESTIONS, is_answered

    unanswered = [q.title for qid, q in QUESTIONS.items() if not is_answered(p, qid)]
    if unanswered:
        parts.append(
            f"<details><summary>{len(unanswered)} question(s) sans réponse</summary>"
            f"{_li_texts(unanswered)}</details>"
        )
    return _wrap("".join(parts))


# --- catalog and forms ---------------------------------------------------------------------
def catalog_html(c: Catalog) -> str:
    """Every form in one table: nature, legal person, members, liability, setup effort."""
    rows = []
    for f in c:
        status = (
            "oui"
            if f.legal_status
            else (f"non (support : {f.default_vehicle.name})" if f.default_vehicle else "non")
        )
        rows.append(
            [
                f"<strong>{_e(f.name)}</strong> <code class='gf-muted'>{_e(f.id)}</code>"
                f"<br><span class='gf-muted'>{_e(f.summary)}</span>",
                _e(f.family.label),
                "oui" if f.legal_person else "non",
                _e(status),
                _e(members_text(f.membership)),
                _e(f.liability.kind.label),
                _e(f.setup.effort.label),
            ]
        )
    head = [
        "Forme",
        "Famille",
        "Personne morale",
        "Statut juridique",
        "Membres",
        "Responsabilité des membres",
        "Mise en place",
    ]
    body = (
        f"<p><strong>Formes de coopération</strong> <span class='gf-muted'>(catalogue "
        f"{_e(c.catalog_version)}, {len(c)} formes)</span></p>" + _table(head, rows, escaped=True)
    )
    return _wrap(body)


def form_html(form: Form, catalog: Catalog | None = None) -> str:
    """The sheet of one form: key facts, legal texts (links), advantages, drawbacks, first steps."""
    bases = {b.id: b for b in form.legal_bases}
    if catalog is None and _needs_catalog(form, bases):
        from ..loading import load_catalog

        catalog = load_catalog()

    def src(refs: Iterable[SourceRef]) -> str:
        return (
            "<span class='gf-src'>— "
            + "; ".join(_source_html(r, bases, catalog) for r in refs)
            + "</span>"
        )

    def sourced(items: Iterable[Any]) -> str:
        return _ul(f"<li>{_e(i.text)} {src(i.sources)}</li>" for i in items)

    m = form.membership
    who = _li_texts(m.who_may)
    if m.who_may_not:
        who += "<em>Ne peuvent pas l'être :</em>" + _li_texts(m.who_may_not)
    if m.notes:
        who += f"<p>{_e(m.notes)}</p>"
    facts = [
        ("Famille", _e(form.family.label)),
        ("Personne morale", "oui" if form.legal_person else "non"),
        ("Statut juridique", "oui" if form.legal_status else "non"),
        ("Membres", f"{_e(members_text(form.membership))}{who}{src(m.sources)}"),
        ("Capital", f"{_e(form.capital.text)} {src(form.capital.sources)}"),
        (
            "Responsabilité des membres",
            f"<strong>{_e(form.liability.kind.label)}.</strong> {_e(form.liability.text)} "
            f"{src(form.liability.sources)}",
        ),
        ("Gouvernance", f"{_e(form.governance.text)} {src(form.governance.sources)}"),
        (
            "Répartition des résultats",
            f"{_e(form.profit_distribution.text)} {src(form.profit_distribution.sources)}",
        ),
    ]
    if form.tax_notes:
        facts.append(("Fiscalité", sourced(form.tax_notes)))
    s = form.setup
    facts.append(
        (
            "Mise en place",
            f"Effort : <strong>{_e(s.effort.label)}</strong>"
            + (f" — délai : {_e(s.duration)}" if s.duration else "")
            + "<ol>"
            + "".join(f"<li>{_e(x)}</li>" for x in s.formalities)
            + f"</ol>{src(s.sources)}",
        )
    )
    parts = [
        f"<p><strong style='font-size:15px'>{_e(form.name)}</strong> "
        f"<code class='gf-muted'>{_e(form.id)}</code></p><p>{_e(form.summary)}</p>",
        "<table><tbody>"
        + "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in facts)
        + "</tbody></table>",
        "<p><strong>Textes applicables</strong></p>"
        + _ul(
            f"<li>{_link(b.label, b.url)} — {_e(b.summary)} "
            f"<span class='gf-muted'>(vérifié le {_e(b.checked_on.strftime('%d/%m/%Y'))})</span>"
            "</li>"
            for b in form.legal_bases
        ),
        "<p><strong class='gf-for'>Avantages</strong></p>" + sourced(form.advantages),
        "<p><strong class='gf-against'>Inconvénients</strong></p>" + sourced(form.drawbacks),
        "<p><strong>Avis du conseil</strong></p>"
        f"<p>{_e(form.advisor_opinion.text)} {src(form.advisor_opinion.sources)}</p>",
    ]
    if form.vehicles:
        parts.append(
            "<p><strong>Supports juridiques possibles</strong></p>"
            + _ul(
                f"<li><strong>{_e(v.name)}</strong>{' (par défaut)' if v.default else ''} — "
                f"{_e(v.when)}</li>"
                for v in form.vehicles
            )
        )
    if form.examples:
        parts.append(
            "<p><strong>Exemples</strong></p>"
            + _ul(
                f"<li><strong>{_e(x.name)}</strong>"
                + (f" ({_e(x.place)})" if x.place else "")
                + f" — {_e(x.summary)}</li>"
                for x in form.examples
            )
        )
    return _wrap("".join(parts))


def _needs_catalog(form: Form, bases: dict[str, LegalBasis]) -> bool:
    refs: list[SourceRef] = list(form.sources)
    for block in (form.membership, form.capital, form.liability, form.governance, form.setup):
        refs += block.sources
    for item in (*form.advantages, *form.drawbacks, *form.tax_notes, form.advisor_opinion):
        refs += item.sources
    refs += form.profit_distribution.sources
    return any(r.legal_basis is not None and r.legal_basis not in bases for r in refs)


# --- comparison ----------------------------------------------------------------------------
def comparison_html(comparison: Comparison) -> str:
    """Forms side by side, one row per aspect (members, capital, liability…)."""
    head = "<th></th>" + "".join(
        f"<th>{_e(f.short_name)}<br><span class='gf-muted'>{_e(f.name)}</span></th>"
        if f.short_name != f.name
        else f"<th>{_e(f.name)}</th>"
        for f in comparison.forms
    )
    rows = []
    for label, cells in comparison.rows():
        tds = "".join(
            f"<td>{_e(items[0]) if len(items) == 1 else _li_texts(items)}</td>" for items in cells
        )
        rows.append(f"<tr><th>{_e(label)}</th>{tds}</tr>")
    body = (
        "<p><strong>Comparaison des formes</strong> <span class='gf-muted'>(catalogue "
        f"{_e(comparison.catalog_version)})</span></p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return _wrap(body)
