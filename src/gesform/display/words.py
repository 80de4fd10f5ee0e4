"""The French words shared by every rendering: one place for each sentence people read.

The terminal, the notebook (HTML) and the written report all take their words from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, NamedTuple, Protocol, TypedDict

from ..models.catalog import Membership
from ..models.precedents import Precedents
from ..models.profile import ESS_BY_STATUS_KINDS, Member, Profile, member_label
from ..models.results import Reason, Recommendation
from ..models.track_record import TrackRecord

__all__ = [
    "DONT_KNOW",
    "DONT_KNOW_LABEL",
    "MEMBER_COLUMNS",
    "MEMBER_PROTOTYPES",
    "NOTICE",
    "PIVOTAL_TITLE",
    "PRECEDENTS_TITLE",
    "PivotalQuestion",
    "PrecedentItem",
    "answer_label",
    "band_words",
    "close_call_sentence",
    "first_names",
    "member_rows",
    "members_text",
    "or_names",
    "pivotal_question_items",
    "pivotal_reach_sentence",
    "precedent_items",
    "precedents_line",
    "precedents_sentences",
    "profile_answers",
    "reason_sign",
    "track_record_line",
    "track_record_sentence",
]

#: The notice every rendering for people carries.
NOTICE = (
    "Ce document est une orientation, pas un avis juridique : les formes proposées sont à "
    "étudier et à confirmer avec un conseil juridique (avocat, notaire, DLA, URSCOP, CRESS…)."
)


def reason_sign(r: Reason) -> str:
    """« ✔ »/« ✘ » for a legal rule, the signed weight (« +15 », « -10 ») otherwise."""
    if r.effect.hard:
        return "✔" if r.direction == "for" else "✘"
    return f"{r.weight:+d}"


def close_call_sentence(
    rec: Recommendation,
    names: Mapping[str, str] | None = None,
    *,
    listed: Sequence[PivotalQuestion] | None = None,
) -> str | None:
    """« Classement serré : … » when forms still in play score close to the first one, else None.

    *names* gives a short name per form id (the report's); the forms' names otherwise. The
    sentence names the open questions that separate these forms
    (:meth:`Recommendation.separating_questions`) unless the rendering lists the pivotal
    questions itself (*listed*, possibly empty; :func:`pivotal_question_items`): it then
    points to the first of them when that one can put one of the close forms first
    (``pivotal_questions`` puts such a question first).
    """
    close = rec.close_to_top()
    if not close:
        return None
    top = rec.top
    parts = []
    for a in close:
        name = (names or {}).get(a.structure_id, a.name)
        gap = top.score - a.score
        parts.append(f"{name} (à égalité)" if gap == 0 else f"{name} (à {gap} points)")
    first = (names or {}).get(top.structure_id, top.name)
    sentence = (
        f"Classement serré : {first_names(parts)} {'suit' if len(parts) == 1 else 'suivent'} "
        f"{first} de près. Le profil ne les départage pas encore"
    )
    if listed is not None:
        close_ids = {a.structure_id for a in close}
        if listed and close_ids.intersection(listed[0].new_leaders):
            return f"{sentence} : la première question ci-dessous peut les départager."
        return f"{sentence}."
    questions = rec.separating_questions()
    if not questions:
        return f"{sentence} : les questions ouvertes peuvent changer l'ordre."
    asked = " ou à ".join(f"« {q.question} »" for q in questions)
    return f"{sentence} : la réponse à {asked} peut changer l'ordre."


#: The heading of the pivotal questions, in every rendering.
PIVOTAL_TITLE = "Questions qui peuvent changer la forme en tête"


class PivotalQuestion(Protocol):
    """What a rendering needs of a pivotal question (``guidance.QuestionAdvice`` has it)."""

    @property
    def question(self) -> str:
        """The question, in French."""
        ...

    @property
    def new_leaders(self) -> tuple[str, ...]:
        """Ids of the forms that one answer at least would put first."""
        ...


def or_names(names: Sequence[str], last: str = "ou") -> str:
    """« A », « A ou B », « A, B ou C » (« A, B et C » with *last* = ``"et"``)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def pivotal_question_items(
    rec: Recommendation,
    questions: Sequence[PivotalQuestion],
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """One line per pivotal question: the question and the forms one answer puts first.

    *questions* are the open questions with an answer that changes the first form
    (``gesform.guidance.pivotal_questions``); *names* gives a short name per form id.
    """
    items = []
    for q in questions:
        leaders = [(names or {}).get(f, rec[f].name) for f in q.new_leaders]
        can = "peut" if len(leaders) == 1 else "peuvent"
        items.append(f"{q.question} (selon la réponse, {or_names(leaders)} {can} passer en tête)")
    return items


def pivotal_reach_sentence(rec: Recommendation) -> str | None:
    """How often, on the real validation cases of the answer's lead band that gesform missed,
    one answer to one of their pivotal questions would have put the group's choice first.

    None when the answer carries no measure or its band has no missed case.
    """
    t = rec.track_record
    if t is None or t.cases == t.first:
        return None
    missed = t.cases - t.first
    return (
        f"Sur les {missed} cas réels de validation de la même tranche d'avance où la première "
        "forme n'était pas le choix du groupe, une réponse à l'une des trois premières questions "
        "qui pouvaient changer leur forme en tête aurait mis la forme choisie en tête dans "
        f"{t.missed_reachable} cas "
        f"({_percent(t.missed_reachable, missed)})."
    )


def _thousands(n: int) -> str:
    """« 1 132 »: digits grouped by three with a no-break space, the French way."""
    return f"{n:,}".replace(",", "\u00a0")


def _percent(k: int, n: int) -> str:
    return f"{round(100 * k / n)} %"


def band_words(min_lead: int, max_lead: int | None) -> str:
    """« où l'avance était de 1 à 5 points », « … d'au moins 16 points », « où la première forme
    était à égalité avec la suivante »: a band of lead, for « sur les N cas réels de validation
    … »."""
    if max_lead == 0:
        return "où la première forme était à égalité avec la suivante"
    if max_lead is None:
        return f"où l'avance était d'au moins {min_lead} points"
    if min_lead == max_lead:
        return f"où l'avance était de {min_lead} points"
    return f"où l'avance était de {min_lead} à {max_lead} points"


def track_record_sentence(rec: Recommendation) -> str | None:
    """« Fiabilité mesurée : … »: the first form's lead and how often such a lead named the
    group's choice on the real validation cases; None when the answer carries no measure."""
    t = rec.track_record
    if t is None:
        return None
    if t.lead == 0:
        lead = "la première forme est à égalité avec la suivante encore en lice"
        band = "où c'était aussi le cas"
    else:
        lead = f"la première forme devance de {t.lead} point{'s' if t.lead > 1 else ''} la suivante"
        band = band_words(t.min_lead, t.max_lead)
    low, high = round(100 * t.first_low), round(100 * t.first_high)
    return (
        f"Fiabilité mesurée : {lead}. Sur les {t.cases} cas réels de validation {band}, "
        f"la première forme était celle que le groupe a choisie dans {t.first} cas "
        f"({_percent(t.first, t.cases)}, intervalle de confiance à 95 % : {low}–{high} %), "
        f"et la forme choisie figurait parmi les trois premières dans {t.top3} cas "
        f"({_percent(t.top3, t.cases)}). {_first_form_sentence(t, rec[t.first_form].name)}"
    )


def _first_form_sentence(t: TrackRecord, name: str) -> str:
    """How often the group chose the form gesform puts first, when it put it first."""
    if not t.first_form_cases:
        return f"gesform n'avait mis « {name} » en tête d'aucun cas réel de validation."
    return (
        f"Quand gesform a mis « {name} » en tête d'un cas réel de validation, c'était le choix "
        f"du groupe {t.first_form_chosen} fois sur {t.first_form_cases} "
        f"({_percent(t.first_form_chosen, t.first_form_cases)})."
    )


def track_record_line(rec: Recommendation) -> str | None:
    """The short form of :func:`track_record_sentence`, for the terminal summary."""
    t = rec.track_record
    if t is None:
        return None
    lead = "à égalité" if t.lead == 0 else f"{t.lead} point{'s' if t.lead > 1 else ''} d'avance"
    form = (
        f" ; quand gesform la mettait en tête, choix du groupe {t.first_form_chosen} fois sur "
        f"{t.first_form_cases}"
        if t.first_form_cases
        else ""
    )
    return (
        f"Fiabilité mesurée ({lead}) : sur {t.cases} cas réels comparables, la première forme "
        f"était le choix du groupe {t.first} fois ({_percent(t.first, t.cases)}){form}."
    )


def first_names(names: list[str], most: int = 3) -> str:
    """The first *most* names, the others counted: « A, B, C et 2 autres »."""
    shown = ", ".join(names[:most])
    rest = len(names) - most
    if rest <= 0:
        return shown
    return f"{shown} et {rest} autre{'s' if rest > 1 else ''}"


DONT_KNOW = "je_ne_sais_pas"
DONT_KNOW_LABEL = "Je ne sais pas"

#: Prototypical member sets, each with its French name: a ``members`` answer equal to one of
#: them reads as its name. The guidance tries them for ``members`` when it is unknown: one per
#: family of member kinds met in the guide's cases (id, French label, members). Each is a
#: plausible group, so their spread tells how much knowing the members would change the answer.
MEMBER_PROTOTYPES: tuple[tuple[str, str, tuple[dict[str, Any], ...]], ...] = (
    (
        "associations",
        "Des associations",
        ({"kind": "association"}, {"kind": "association"}, {"kind": "association"}),
    ),
    (
        "siae",
        "Des structures d'insertion associatives (AI, ACI)",
        (
            {"kind": "association", "siae": "ai"},
            {"kind": "association", "siae": "aci"},
            {"kind": "association", "siae": "aci"},
        ),
    ),
    (
        "social_medical",
        "Des établissements sociaux ou médico-sociaux et une association",
        (
            {"kind": "social_medical_establishment"},
            {"kind": "social_medical_establishment"},
            {"kind": "association"},
        ),
    ),
    (
        "health",
        "Des acteurs de la santé et un ESSMS",
        (
            {"kind": "health_establishment"},
            {"kind": "health_professional"},
            {"kind": "social_medical_establishment"},
        ),
    ),
    (
        "companies",
        "Des structures de l'ESS et des sociétés commerciales",
        ({"kind": "association"}, {"kind": "scop"}, {"kind": "sarl"}, {"kind": "sas"}),
    ),
    (
        "cooperatives",
        "Des coopératives",
        ({"kind": "scop"}, {"kind": "scic"}, {"kind": "other_cooperative"}),
    ),
    (
        "public_citizens",
        "Une association, une collectivité et des citoyens",
        ({"kind": "association"}, {"kind": "local_authority"}, {"kind": "person"}),
    ),
)


def _members_label(value: Iterable[Member | Mapping[str, Any]]) -> str:
    """A members answer: the name of a prototype, or « 3 membres : Association × 2, SCOP »."""
    members = [m if isinstance(m, Member) else Member.model_validate(m) for m in value]
    data = [m.model_dump(mode="json", exclude_none=True) for m in members]
    for _pid, label, prototype in MEMBER_PROTOTYPES:
        if data == [
            Member.model_validate(m).model_dump(mode="json", exclude_none=True) for m in prototype
        ]:
            return label
    kinds = [member_label(m.model_copy(update={"name": None})) for m in members]
    return f"{sum(m.count for m in members)} membres : " + ", ".join(kinds)


def answer_label(value: Any, question_id: str | None = None) -> str:
    """An answer in French: « Oui », « Forte », « Insertion, Culture », « 3 membres : … ».

    *question_id* names the question answered: its choices label the plain string values
    (``"strong"`` → « Forte »), a ``members`` answer reads as a prototype's name or a member
    count, and a member detail given member by member is joined by « ; ». An enum value reads
    as its label, ``None`` (or :data:`DONT_KNOW`) as « Je ne sais pas », a number the French
    way (« 2,5 »), an empty list as « Aucun ».
    """
    if value is None or value == DONT_KNOW:
        return DONT_KNOW_LABEL
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if question_id == "members":
        return _members_label(value)
    if isinstance(value, list | tuple):
        if question_id is not None and question_id.startswith("members."):
            return " ; ".join(answer_label(v, question_id) for v in value)
        return ", ".join(answer_label(v, question_id) for v in value) or "Aucun"
    from ..questions import QUESTIONS

    question = QUESTIONS.get(question_id) if question_id is not None else None
    choices = question.choices if question is not None else {}
    plain = value.value if isinstance(value, Enum) else value
    if isinstance(plain, str) and plain in choices:
        return choices[plain]
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}".replace(".", ",")
    return str(value)


def profile_answers(p: Profile) -> list[tuple[str, str]]:
    """(French question title, French answer) for every answered question but the members."""
    from ..questions import QUESTIONS

    out = []
    for qid, q in QUESTIONS.items():
        if qid == "members" or qid.startswith("members."):
            continue
        value = getattr(p, qid)
        if value is not None:
            out.append((q.title, answer_label(value, qid)))
    return out


#: Member columns: (field, French title).
MEMBER_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (name, Member.model_fields[name].title or name)
    for name in ("name", "kind", "siae", "sector", "employees", "has_economic_activity", "ess")
)


def member_rows(p: Profile) -> list[list[str]]:
    """One row of French cells per member (``?`` for an unknown detail, ``—`` for no IAE,
    « Oui (statut) » for a member of the ESS by its legal status)."""
    rows = []
    for i, m in enumerate(p.members or (), start=1):
        row = []
        for name, _title in MEMBER_COLUMNS:
            value = getattr(m, name)
            if name == "name":  # a line for several similar members: « Fermes × 20 »
                label = value or f"Membre {i}"
                row.append(label if m.count == 1 else f"{label} × {m.count}")
            elif name == "ess" and value is None and m.kind in ESS_BY_STATUS_KINDS:
                row.append("Oui (statut)")  # loi 2014-856, art. 1, II, 1°
            elif value is None:
                row.append("—" if name == "siae" and m.kind is not None else "?")
            else:
                row.append(answer_label(value))
        rows.append(row)
    return rows


def members_text(m: Membership) -> str:
    """« au moins 2, au plus 7 »: how many members the form takes."""
    return f"au moins {m.min_members}" + (f", au plus {m.max_members}" if m.max_members else "")


#: The heading of the real cases close to the profile, in every rendering.
PRECEDENTS_TITLE = "Cas réels proches"


class PrecedentItem(TypedDict):
    """One close real case for a rendering, in words."""

    name: str
    url: str
    publisher: str
    form: str  # the name of the form the group chose
    similarity: str  # « 0,57 »
    shared: str  # the shared facts, « fait : a, b ; autre fait »


def precedent_items(
    found: Precedents, names: Mapping[str, str] | None = None
) -> list[PrecedentItem]:
    """One item per close real case, closest first; *names* gives a short name per form id."""
    return [
        PrecedentItem(
            name=n.name,
            url=str(n.url),
            publisher=n.publisher,
            form=(names or {}).get(n.chosen, n.chosen_name),
            similarity=f"{n.similarity:.2f}".replace(".", ","),
            shared=" ; ".join(n.shared),
        )
        for n in found.neighbours
    ]


def precedents_sentences(found: Precedents, names: Mapping[str, str] | None = None) -> list[str]:
    """What the close real cases chose, whether they name the answer's first form, and what
    that agreement was worth on the validation cases (when measured with the same rules)."""

    def name(form: str, default: str) -> str:
        return (names or {}).get(form, default)

    votes = [f"{v.cases} {name(v.form, v.name)}" for v in found.votes]
    out = [
        f"Parmi les {_thousands(found.base_cases)} cas réels de la base, les "
        f"{len(found.neighbours)} plus "
        f"proches de ce profil ont choisi : {or_names(votes, 'et')}. Ils "
        "disent ce que des groupes semblables ont fait, pas ce que le droit permet, et ne "
        "changent pas le classement."
    ]
    lead = found.leading
    if lead is None or found.first_form is None:
        return out
    lead_name = name(lead, found.votes[0].name)
    m = _agreement_measure(found)
    if found.agrees:
        out.append(f"Ils désignent surtout {lead_name}, la forme en tête.")
        if m is not None and m.agree:
            out.append(
                f"Sur les {m.agree} cas réels de validation {m.where}les cas proches "
                f"désignaient la forme en tête, elle était le choix du groupe dans "
                f"{m.agree_first} cas ({_percent(m.agree_first, m.agree)})."
            )
    else:
        out.append(f"Ils désignent surtout {lead_name}, qui n'est pas la forme en tête.")
        if m is not None and m.disagree:
            out.append(
                f"Sur les {m.disagree} cas réels de validation {m.where}les cas proches "
                "désignaient une autre forme que la forme en tête, la forme en tête était le "
                f"choix du groupe dans {m.disagree_first} cas "
                f"({_percent(m.disagree_first, m.disagree)}), et la forme des cas proches dans "
                f"{m.theirs} cas ({_percent(m.theirs, m.disagree)}) : les deux sont à étudier."
            )
    return out


class _Agreement(NamedTuple):
    """The validation cases an answer's precedents sentence speaks of."""

    where: str  # « où l'avance était de 1 à 5 points et où », or « où »
    agree: int
    agree_first: int
    disagree: int
    disagree_first: int
    theirs: int  # disagreeing cases where the precedents' form was the group's choice


def _agreement_measure(found: Precedents) -> _Agreement | None:
    """The validation cases of the answer's lead band, or all of them when the band is unknown;
    None without a measure for the answer's rules and k."""
    if found.measure is None:
        return None
    b = found.band
    if b is not None:
        return _Agreement(
            f"{band_words(b.min_lead, b.max_lead)} et où ",
            b.agree,
            b.agree_first,
            b.disagree,
            b.disagree_first,
            b.disagree_precedents_first,
        )
    m = found.measure
    return _Agreement(
        "où ", m.agree, m.agree_first, m.disagree, m.disagree_first, m.disagree_precedents_first
    )


def precedents_line(found: Precedents, names: Mapping[str, str] | None = None) -> str | None:
    """The short form of :func:`precedents_sentences`, for the terminal summary and the
    report: the forms the close real cases chose, whether they name the first form, and what
    that was worth on the validation cases with the same lead."""
    if not found.votes:
        return None
    votes = ", ".join(f"{v.cases} {(names or {}).get(v.form, v.name)}" for v in found.votes)
    line = f"Cas réels proches : {votes}"
    if found.agrees is None:
        return f"{line}."
    m = _agreement_measure(found)
    same = "validation, même avance" if found.band is not None else "validation"
    if found.agrees:
        line += " ; la forme en tête"
        if m is not None and m.agree:
            line += f" ({same} : choisie {_percent(m.agree_first, m.agree)})"
    else:
        line += " ; autre forme que la tête"
        if m is not None and m.disagree:
            line += (
                f" ({same} : tête choisie {_percent(m.disagree_first, m.disagree)}, la "
                f"leur {_percent(m.theirs, m.disagree)})"
            )
    return f"{line}."
