"""``Profile``: the public description of a group of structures that want to cooperate.

Every field is optional: ``None`` (or absent) means "not answered yet". See
``docs/profile.md`` for the vocabulary and the facts derived from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Final, Literal, cast

from pydantic import (
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from .base import Frozen
from .enums import (
    CapitalLevel,
    CommercialActivity,
    CooperationStage,
    Horizon,
    Independence,
    JointSales,
    MemberKind,
    Objective,
    Sector,
    SetupSpeed,
    SharedFunction,
    Siae,
    SubsidyRecipient,
)
from .messages import french_validation_error, near_miss
from .views import render

__all__ = [
    "ESS_BY_STATUS_KINDS",
    "INCOHERENT_PROFILE",
    "LOCAL_PUBLIC_KINDS",
    "NATURAL_PERSON_KINDS",
    "NEVER_ESS_KINDS",
    "NEVER_PUBLIC_KINDS",
    "PERSON_KINDS",
    "PROFILE_SCHEMA_VERSION",
    "PUBLIC_KINDS",
    "Member",
    "Profile",
    "listed_members",
    "member_label",
    "members_listed_completely",
    "members_listed_without_person",
]

#: Version of the profile vocabulary written in saved profiles (``schema_version``).
PROFILE_SCHEMA_VERSION: Final = 1

#: Member kinds that are natural persons: citizens, volunteers, users, and the people who work
#: (or will work) in the joint structure.
NATURAL_PERSON_KINDS = frozenset({MemberKind.person, MemberKind.worker})

#: Every member kind that is a natural person: the above, and those who work on their own
#: account — sole traders and liberal health professionals (C. com. L526-22).
PERSON_KINDS = NATURAL_PERSON_KINDS | frozenset(
    {MemberKind.sole_trader, MemberKind.health_professional}
)

#: Member kinds that are public persons.
PUBLIC_KINDS = frozenset(
    {
        MemberKind.local_authority,
        MemberKind.local_public_body,
        MemberKind.public_body,
        MemberKind.state,
    }
)

#: Member kinds that count in the cap of an employers' group (C. trav. L1253-19): local
#: authorities, their groupings and their public establishments — not the State's.
LOCAL_PUBLIC_KINDS = frozenset({MemberKind.local_authority, MemberKind.local_public_body})

#: Member kinds that cannot belong to the ESS, which gathers private legal persons only
#: (loi 2014-856, art. 1): public persons, natural persons, sole traders and liberal
#: health professionals; and social security bodies, private-law bodies that have none of the
#: statuses the law lists (association, cooperative, mutual, foundation, commercial company).
NEVER_ESS_KINDS = PUBLIC_KINDS | PERSON_KINDS | frozenset({MemberKind.social_security_body})

#: Member kinds that cannot be a public person: private-law structures and natural persons (an
#: establishment, a research or training body may be public; a kind left empty may be anything).
NEVER_PUBLIC_KINDS = frozenset(
    {
        MemberKind.association,
        MemberKind.scop,
        MemberKind.scic,
        MemberKind.other_cooperative,
        MemberKind.sarl,
        MemberKind.sas,
        MemberKind.sa,
        MemberKind.company,
        MemberKind.foundation,
        MemberKind.mutual,
        MemberKind.social_security_body,
        *PERSON_KINDS,
    }
)

#: Member kinds that belong to the ESS by their legal status (loi 2014-856, art. 1, II, 1°):
#: associations, cooperatives, mutuals and foundations.
ESS_BY_STATUS_KINDS = frozenset(
    {
        MemberKind.association,
        MemberKind.foundation,
        MemberKind.mutual,
        MemberKind.scop,
        MemberKind.scic,
        MemberKind.other_cooperative,
    }
)

#: A character that is not blank, spelt out so that every regex engine reads it alike
#: (Python's, ECMA-262's and Rust's ``\s`` differ on U+001C–U+001F and U+FEFF): the JSON Schema
#: ``pattern`` of a free label says exactly what the model checks.
NON_BLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"

# Texts are kept as written (never stripped): the length the model checks is the length the
# JSON Schema states, so both accept exactly the same profiles (issue #15, point 13).
ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=2000)]
FreeLabel = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NON_BLANK)]


def _whole_float_to_int(value: Any) -> Any:
    """A count: ``5.0`` is the number 5 (JSON and spreadsheets write counts so); strings such as
    ``"5"`` and booleans stay as they are and are refused by the strict integer."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def _version_number(value: Any) -> Any:
    """A version as JSON Schema reads one: ``1.0`` is the version 1, ``true`` is not."""
    if type(value) is bool:
        raise PydanticCustomError(
            "literal_error", "Input should be {expected}", {"expected": str(PROFILE_SCHEMA_VERSION)}
        )
    return _whole_float_to_int(value)


#: A yes/no answer: only ``true``/``false`` — ``"oui"``, ``"yes"``, ``1`` or ``"true"`` are
#: refused rather than guessed (strict mode).
YesNo = Annotated[bool, Field(strict=True)]


def _q(title: str, question: str, help_text: str) -> Any:
    """A profile field: unknown by default, with a French title, question and help text."""
    return Field(
        default=None,
        title=title,
        description=help_text,
        json_schema_extra={"question": question},
    )


#: The error type of a profile whose answers contradict each other (each field may be valid
#: alone): the only reason a profile that matches the JSON Schema is refused.
INCOHERENT_PROFILE = "incoherent_profile"


def _incoherent(message: str) -> PydanticCustomError:
    return PydanticCustomError(INCOHERENT_PROFILE, "{detail}", {"detail": message})


def members_listed_completely(profile: Profile) -> bool:
    """The members list describes the whole group (not only typical members).

    A list is complete unless ``members_complete`` is false or ``member_count`` exceeds it.
    On a partial list, "a member is X" can still be true, but counts, "every member…" and
    "no member is X" stay unknown.
    """
    if not profile.members or profile.members_complete is False:
        return False
    return profile.member_count is None or profile.member_count == listed_members(profile)


def listed_members(profile: Profile) -> int:
    """How many members the list describes: each line counts for its ``count`` similar members."""
    return sum(m.count for m in profile.members or ())


def member_label(member: Member, default: str = "?") -> str:
    """A member in words for an explanation: its name (or kind), with ``× n`` for a line that
    stands for several similar members (« Fermes × 20 »)."""
    label = member.name or (member.kind.label if member.kind else default)
    return label if member.count == 1 else f"{label} × {member.count}"


def members_listed_without_person(profile: Profile) -> bool:
    """The members list is complete and every member is a structure (no natural person: a
    sole trader or a liberal professional is one)."""
    return members_listed_completely(profile) and all(
        m.kind is not None and m.kind not in PERSON_KINDS for m in profile.members or ()
    )


class _FrenchErrors(Frozen):
    """A model whose validation errors read French first, then English (see ``messages``)."""

    @model_validator(mode="wrap")
    @classmethod
    def _french_errors(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(data)
        except ValidationError as exc:
            raise french_validation_error(exc, cls) from None


def _count(low: int) -> Any:
    """A count from *low* to 100,000, read strictly: ``5`` or ``5.0``, never ``"5"``/``true``."""
    return Annotated[
        int, Field(strict=True, ge=low, le=100_000), BeforeValidator(_whole_float_to_int)
    ]


class Member(_FrenchErrors):
    """One structure (or person) of the group, or one line for several similar members."""

    name: ShortText | None = Field(default=None, title="Nom", description="Texte libre.")
    count: _count(1) = Field(  # type: ignore[valid-type]
        default=1,
        title="Nombre de membres semblables",
        description="Une ligne peut décrire plusieurs membres semblables (« vingt fermes ») : "
        "leur nombre, 1 par défaut. Les autres détails (nature, effectif…) valent pour chacun.",
    )
    kind: MemberKind | None = _q(
        "Nature juridique",
        "Quelle est la nature juridique de ce membre ?",
        "Association, SCOP, SAS, collectivité, établissement ou service médico-social, personne "
        "physique… Une SCOP ou une SCIC se décrit comme telle, non par sa forme de société (SARL,"
        " SAS, SA) ; un établissement ou un service sans personnalité morale, par celui qui le "
        "gère (une association qui gère un ESAT : « Association », secteur « Social et médico-"
        "social ») ; un établissement public qui est un établissement social ou médico-social ou "
        "un hôpital (EHPAD public, centre hospitalier), par cette activité, en répondant aussi à "
        "« Personnes publiques membres ». Une communauté de communes ou d'agglomération, une "
        "métropole ou un syndicat de communes est une « collectivité territoriale ou groupement "
        "». Un établissement public d'une collectivité (CCAS, office public de l'habitat, régie "
        "personnalisée, EPCC) est un « établissement public local ». Un ministère, une "
        "préfecture, un rectorat ou une direction de l'État sont « l'État lui-même » ; ses "
        "établissements publics (une chambre consulaire, une agence régionale de santé) sont une "
        "« autre personne publique », comme une caisse nationale de sécurité sociale (CNAF, CNAM,"
        " CNAV) ; une caisse locale ou régionale (CAF, MSA, CPAM, CARSAT), organisme de droit "
        "privé, a sa propre nature.",
    )
    siae: Siae | Annotated[list[Siae], Field(min_length=1, max_length=len(Siae))] | None = _q(
        "Conventionnement IAE",
        "Ce membre est-il une structure d'insertion (SIAE) ? Laquelle ou lesquelles ?",
        "AI, ACI, EI, ETTI ou EITI, ou la liste de ses conventionnements quand le même membre en "
        "tient plusieurs (une association à la fois chantier d'insertion et association "
        "intermédiaire : [aci, ai]) ; vide si le membre n'est pas conventionné par l'État au "
        "titre de l'insertion par l'activité économique (C. trav., art. L5132-2).",
    )
    sector: Sector | None = _q("Secteur", "Dans quel secteur agit ce membre ?", "")
    employees: (
        Annotated[float, Field(strict=True, ge=0, le=1_000_000, allow_inf_nan=False)] | None
    ) = _q(
        "Effectif",
        "Combien de salariés (ETP) compte ce membre ?",
        "Nombre de salariés, en équivalents temps plein si besoin ; pour une ligne de plusieurs "
        "membres semblables, l'effectif de chacun.",
    )
    has_economic_activity: YesNo | None = _q(
        "Activité économique",
        "Ce membre vend-il ou fournit-il des biens ou des services ?",
        "Une activité économique au sens du GIE (code de commerce, art. L251-1) : produire, "
        "vendre ou fournir des biens ou des services, même payés par un tiers (tarif, prix de "
        "journée) ; un gestionnaire d'établissement ou de service social ou médico-social peut "
        "former un GIE (CASF, art. L312-7, 2°).",
    )
    ess: YesNo | None = _q(
        "Entreprise de l'ESS",
        "Ce membre est-il une entreprise de l'économie sociale et solidaire ?",
        "Au sens de la loi du 31 juillet 2014 (art. 1er) : une association, une coopérative, une "
        "mutuelle ou une fondation l'est par son statut ; une société commerciale l'est si ses "
        "statuts en remplissent les conditions (un agrément ESUS, qui le suppose, en atteste) ; "
        "un établissement social, médico-social, de santé, de recherche ou de formation l'est si "
        "celui qui le gère l'est. Sans réponse, une société est comptée hors de l'ESS et un "
        "établissement reste à préciser.",
    )

    @field_validator("siae", mode="after")
    @classmethod
    def _agreements_once(cls, value: Siae | list[Siae] | None) -> Siae | list[Siae] | None:
        """A list of agreements keeps each once, and a list of one reads as that agreement."""
        if not isinstance(value, list):
            return value
        unique = list(dict.fromkeys(value))
        return unique[0] if len(unique) == 1 else unique

    @property
    def iae_agreements(self) -> frozenset[Siae]:
        """The member's IAE agreements: none, one, or several (``siae`` read as a set)."""
        if self.siae is None:
            return frozenset()
        return frozenset(self.siae) if isinstance(self.siae, list) else frozenset({self.siae})

    def __repr__(self) -> str:
        kind = self.kind.value if self.kind else "?"
        return f"Member({self.name or '?'!s}, {kind})"


def _too_few(listed: int, complete: bool | None, count: int | None) -> bool:
    """Fewer than two members, with nothing saying the list is partial."""
    return listed < 2 and complete is not False and (count or 0) < 2


def _too_few_raw(data: Any) -> bool:
    """`_too_few` on raw answers (a mapping); False whenever a value it reads is not yet a
    plain number or yes/no, since the validated profile is checked again anyway."""
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        return False
    counts = [line.get("count", 1) if isinstance(line, dict) else 1 for line in data["members"]]
    complete, count = data.get("members_complete"), data.get("member_count")
    if any(type(c) is not int for c in counts) or type(complete) not in (bool, type(None)):
        return False
    return _too_few(sum(counts), complete, count if type(count) is int else None)


def _too_few_members(members: Any) -> InitErrorDetails:
    """The error of a group with fewer than two members, located on ``members``."""
    return InitErrorDetails(
        type=_incoherent(
            "une coopération réunit au moins deux membres : ajoutez un membre, donnez count ≥ 2 "
            "à une ligne qui vaut pour plusieurs membres semblables, ou dites que la liste est "
            "incomplète (members_complete: false) / a cooperation needs at least two members"
        ),
        loc=("members",),
        input=members,
    )


def _kept(err: ErrorDetails) -> InitErrorDetails:
    """An error already raised, carried over unchanged (type, place, message, context)."""
    ctx = {**(err.get("ctx") or {}), "detail": err["msg"]}
    return InitErrorDetails(
        type=PydanticCustomError(err["type"], "{detail}", ctx),
        loc=err["loc"],
        input=err.get("input"),
    )


class Profile(_FrenchErrors):
    """A cooperation profile: who the members are, what they want to do together, their limits.

    Build it from keyword arguments, a ``dict`` (``Profile.model_validate``) or a YAML/JSON file
    (``Profile.from_file``). Every answer may be left unknown.
    """

    schema_version: Annotated[Literal[1], BeforeValidator(_version_number)] = Field(
        default=PROFILE_SCHEMA_VERSION,
        title="Version du vocabulaire",
        description="Version du vocabulaire des profils (voir docs/changelog.md).",
    )
    name: ShortText | None = Field(default=None, title="Nom du groupe")
    description: LongText | None = Field(default=None, title="Description libre")

    # --- members -----------------------------------------------------------------------
    members: Annotated[list[Member], Field(min_length=1, max_length=500)] | None = _q(
        "Membres",
        "Quelles structures (ou personnes) coopéreraient ?",
        "Une coopération réunit au moins deux membres ; décrire chacun (nature, conventionnement "
        "IAE…). "
        "Une ligne peut valoir pour plusieurs membres semblables (count) : « vingt fermes » "
        "s'écrit en une ligne. Quand un seul membre est encore connu, dire que la liste est "
        "incomplète (members_complete: false).",
    )

    member_count: _count(2) | None = _q(  # type: ignore[valid-type]
        "Nombre de membres",
        "Combien de structures (ou personnes) coopéreraient ?",
        "Le nombre total, quand la liste des membres n'en décrit qu'une partie.",
    )
    members_complete: YesNo | None = _q(
        "Liste des membres complète",
        "La liste des membres est-elle complète ?",
        "Faux quand la liste ne décrit que des membres types : les comptes et les « tous les "
        "membres… » restent alors inconnus. Sans réponse, la liste est prise comme complète.",
    )

    # --- the group ---------------------------------------------------------------------
    sectors: Annotated[list[Sector], Field(max_length=20)] | None = _q(
        "Secteurs", "Dans quels secteurs le groupe agit-il ?", "Plusieurs réponses possibles."
    )
    territory: ShortText | None = Field(default=None, title="Territoire")
    same_territory: YesNo | None = _q(
        "Même territoire",
        "Les membres agissent-ils sur un même territoire (bassin, département…) ?",
        "",
    )
    cooperation_stage: CooperationStage | None = _q(
        "Étape de la coopération",
        "Où en est le groupe dans les cinq étapes de la coopération ?",
        "Se connaître, se parler, travailler ensemble, mutualiser, coopérer.",
    )
    cross_boards: YesNo | None = _q(
        "Administrateurs croisés",
        "Les membres ont-ils déjà des administrateurs en commun (CA croisés) ?",
        "",
    )
    horizon: Horizon | None = _q(
        "Horizon",
        "Pour combien de temps les membres veulent-ils coopérer ?",
        "Une opération ponctuelle, la durée d'un marché, ou un projet durable.",
    )

    # --- objectives ----------------------------------------------------------------------
    objectives: Annotated[list[Objective], Field(max_length=20)] | None = _q(
        "Objectifs",
        "Que veulent faire les membres ensemble ?",
        "Plusieurs réponses possibles ; une liste vide signifie « aucun de ces objectifs ».",
    )
    shared_functions: Annotated[list[SharedFunction | FreeLabel], Field(max_length=30)] | None = _q(
        "Fonctions à mutualiser",
        "Quelles fonctions support seraient mutualisées ?",
        "Comptabilité, paie, RH, informatique, direction… Nommer la paie ou les RH dit à soi "
        "seul qu'elles seraient mises en commun, ce pour quoi la loi fait aussi le groupement "
        "d'employeurs ; les autres fonctions servent aux explications.",
    )

    # --- constraints and wishes ----------------------------------------------------------
    independence: Independence | None = _q(
        "Indépendance",
        "Chaque membre tient-il à garder sa propre gouvernance ?",
        "Forte : chacun garde son conseil d'administration ; modérée : chacun garde sa "
        "gouvernance mais confie certaines décisions à une instance commune ; faible : une "
        "gouvernance commune est acceptée.",
    )
    profit_sharing: YesNo | None = _q(
        "Partage des bénéfices",
        "Les membres attendent-ils un partage des bénéfices ?",
        "Recevoir une part des résultats de la structure commune (dividendes, excédents "
        "répartis). Les économies tirées des moyens ou achats communs n'en font pas partie.",
    )
    capital: CapitalLevel | None = _q(
        "Capital", "Quel capital les membres peuvent-ils apporter ?", "Aucun, faible, important."
    )
    external_investment: YesNo | None = _q(
        "Investisseurs extérieurs",
        "Le projet a-t-il besoin d'investisseurs extérieurs ?",
        "",
    )
    joint_liability_ok: YesNo | None = _q(
        "Responsabilité solidaire acceptée",
        "Les membres acceptent-ils de répondre ensemble des dettes communes ?",
        "Dans un GIE, chaque membre peut être poursuivi sur ses biens pour toute la dette ; "
        "dans un groupement solidaire, pour tout le marché ; dans un groupement d'employeurs, "
        "pour les dettes envers les salariés et les organismes sociaux, sauf répartition "
        "statutaire.",
    )
    work_split_by_member: YesNo | None = _q(
        "Prestations réparties entre les membres",
        "Pour un marché public, les prestations se répartissent-elles entre les membres, chacun "
        "exécutant la part qui lui revient ?",
        "Un groupement conjoint suppose cette répartition : l'acte d'engagement indique la part "
        "de chaque membre ; sans elle, chacun est tenu de tout le marché.",
    )
    public_bodies_members: YesNo | None = _q(
        "Personnes publiques membres",
        "Des collectivités ou des personnes publiques seraient-elles membres ?",
        "Déduit des membres si la question reste sans réponse.",
    )
    volunteers: YesNo | None = _q(
        "Bénévoles ou citoyens",
        "Des bénévoles ou des citoyens participeraient-ils ?",
        "Oui quand des bénévoles, des habitants ou des citoyens prendraient part à l'activité de "
        "la structure commune ou du projet commun, à sa gouvernance, ou en seraient membres ; "
        "pas pour les bénévoles que chaque membre garde pour ses propres actions. Sans réponse, "
        "déduit des membres de nature « personne physique » qui n'exercent pas un métier à leur "
        "compte (les travailleurs de la structure commune n'en sont pas).",
    )
    employs_members: YesNo | None = _q(
        "Membres salariés",
        "Certains membres, des personnes physiques, seraient-ils salariés de la structure "
        "commune ?",
        "Vrai quand des personnes créent ensemble la structure où elles travailleront "
        "(fondateurs qui créent leur emploi).",
    )
    own_staff: YesNo | None = _q(
        "Salariés de la structure commune",
        "La structure commune emploierait-elle elle-même des salariés (coordination, "
        "animation, production, services) ?",
        "Oui quand elle serait l'employeur, qui signe les contrats de travail (un employeur est "
        "une personne, physique ou morale) : c'est le cas d'un groupement d'employeurs, qui "
        "embauche les salariés qu'il met à la disposition de ses membres. Sans personnalité "
        "morale commune, ce sont les membres qui emploient : l'un d'eux pour tous (la question "
        "« Activité exercée par l'un des membres » le dit), ou plusieurs ensemble, alors "
        "coemployeurs. Non quand chaque membre garde ses salariés ou les met à disposition des "
        "autres.",
    )
    employee_ownership: YesNo | None = _q(
        "Salariés majoritaires",
        "Les salariés doivent-ils détenir la majorité et élire les dirigeants ?",
        "Une condition de la SCOP (salariés associés : 51 % du capital, 65 % des voix) ; oui "
        "aussi en SCOP d'amorçage.",
    )
    multi_stakeholder: YesNo | None = _q(
        "Multi-sociétariat",
        "Faut-il associer aux décisions des parties prenantes différentes "
        "(salariés, usagers, collectivités, partenaires) ?",
        "Une condition de la SCIC (trois catégories d'associés au moins, dont salariés et "
        "bénéficiaires).",
    )
    run_by_one_member: YesNo | None = _q(
        "Activité exercée par l'un des membres",
        "L'activité commune serait-elle exercée par l'un des membres, en son nom, les autres y "
        "contribuant (financement, personnel, locaux, matériel, orientation du public) ?",
        "Oui : un partenaire existant en est l'opérateur (il emploie, signe, vend ou reçoit la "
        "subvention) et un contrat fixe les apports des autres. Non : l'activité demande "
        "une structure commune, ou chacun en exerce une part ; non aussi quand une structure "
        "commune exploiterait l'autorisation d'un établissement dont un membre resterait "
        "titulaire (CASF L312-7, 3° b).",
    )
    commercial_activity: CommercialActivity | None = _q(
        "Activité commerciale",
        "Quelle place aurait une activité commerciale dans la structure commune ?",
        "Aucune, accessoire ou principale.",
    )
    joint_sales: JointSales | None = _q(
        "Ce que vend la structure commune",
        "La structure commune vendrait-elle la production de ses membres, ou mènerait-elle "
        "une activité propre ?",
        "La production des membres : un point de vente ou une offre commune qui prolonge "
        "l'activité de chacun (ce que permet un GIE, dont l'activité se rattache à celle de ses "
        "membres : code de commerce, art. L251-1). Une activité propre : la structure commune "
        "mène une activité détachée de celle de ses membres, comme une entreprise à part "
        "entière.",
    )
    sell_to_non_members: YesNo | None = _q(
        "Ventes à des non-membres",
        "La structure commune vendrait-elle à d'autres clients que ses membres ?",
        "",
    )
    public_funding: YesNo | None = _q(
        "Subventions", "Le projet repose-t-il sur des subventions ?", ""
    )
    subsidy_recipient: SubsidyRecipient | None = _q(
        "Bénéficiaire des subventions",
        "Qui recevrait les subventions : la structure commune (ou un membre chef de file pour "
        "tous), ou chaque membre pour son action ?",
        "Une subvention est attribuée à un organisme de droit privé pour l'action qu'il définit "
        "et met en œuvre (loi n° 2000-321, art. 9-1) : seule une structure commune dotée de la "
        "personnalité morale la reçoit en son nom. Sans elle, un membre chef de file peut "
        "recevoir la subvention du projet commun et en reverser une part aux autres si le "
        "financeur l'autorise : la convention le prévoit expressément pour une subvention d'une "
        "collectivité (CGCT, art. L1611-4), le ministre l'autorise formellement pour une "
        "subvention de l'État (décret-loi du 2 mai 1938, art. 15) ; répondre alors « un seul "
        "bénéficiaire ». Répondre « les membres » quand chaque membre serait financé "
        "pour sa propre part de l'action commune.",
    )
    setup_speed: SetupSpeed | None = _q(
        "Délai de mise en place",
        "Faut-il que la structure soit en place très vite ?",
        "Rapide : quelques semaines, formalités légères.",
    )
    borrowing_needs: YesNo | None = _q(
        "Besoin d'emprunter",
        "La structure commune devra-t-elle emprunter ou investir beaucoup ?",
        "",
    )

    @field_validator("sectors", "objectives", "shared_functions", mode="after")
    @classmethod
    def _dedupe(cls, value: list[Any] | None) -> list[Any] | None:
        if value is None:
            return None
        seen: list[Any] = []
        for item in value:
            if item not in seen:
                seen.append(item)
        return seen

    @model_validator(mode="wrap")
    @classmethod
    def _at_least_two(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """A cooperation has two members or more, unless the list is said to be partial.

        Checked on the raw answers when other fields are refused, so that every error shows
        at once; otherwise on the validated profile.
        """
        try:
            profile = handler(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            if any(e["loc"][:1] == ("members",) for e in errors) or not _too_few_raw(data):
                raise
            raise ValidationError.from_exception_data(
                exc.title, [*map(_kept, errors), _too_few_members(data.get("members"))]
            ) from None
        if profile.members is not None and _too_few(
            listed_members(profile), profile.members_complete, profile.member_count
        ):
            raise ValidationError.from_exception_data(
                cls.__name__, [_too_few_members(profile.members)]
            )
        return profile

    @model_validator(mode="after")
    def _coherent(self) -> Profile:
        listed = listed_members(self)
        if self.members and self.member_count is not None:
            if self.member_count < listed:
                raise _incoherent(
                    f"member_count ({self.member_count}) est inférieur au nombre de membres "
                    f"décrits ({listed}) / member_count below the listed members"
                )
            if self.member_count > listed and self.members_complete:
                raise _incoherent(
                    "members_complete vaut true alors que member_count dépasse la liste "
                    "/ members_complete contradicts member_count"
                )
        if self.public_bodies_members is False and self.members:
            public = [member_label(m) for m in self.members if m.kind in PUBLIC_KINDS]
            if public:
                raise _incoherent(
                    "public_bodies_members vaut false alors que des membres sont des personnes "
                    f"publiques ({', '.join(public)}) / contradicts the members"
                )
        if self.members:
            denied = [
                member_label(m)
                for m in self.members
                if m.ess is False and m.kind in ESS_BY_STATUS_KINDS
            ]
            if denied:
                raise _incoherent(
                    "ess vaut false pour des membres qui sont de l'ESS par leur statut "
                    f"(association, coopérative, mutuelle, fondation : {', '.join(denied)}) "
                    "/ ess contradicts the member's kind"
                )
            claimed = [
                member_label(m) for m in self.members if m.ess is True and m.kind in NEVER_ESS_KINDS
            ]
            if claimed:
                raise _incoherent(
                    "ess vaut true pour des membres qui ne sont pas des personnes morales de "
                    "droit privé (personne publique, personne physique, entrepreneur individuel, "
                    "professionnel de santé libéral : "
                    f"{', '.join(claimed)}) / only private legal persons belong to the ESS"
                )
        if self.public_funding is False and self.subsidy_recipient is not None:
            raise _incoherent(
                "subsidy_recipient est renseigné alors que public_funding vaut false "
                "/ subsidy_recipient needs public_funding"
            )
        if self.own_staff is False and self.employs_members:
            raise _incoherent(
                "own_staff vaut false alors que employs_members vaut true (des membres seraient "
                "salariés de la structure commune) / own_staff contradicts employs_members"
            )
        if self.own_staff is False and self.employee_ownership:
            raise _incoherent(
                "own_staff vaut false alors que employee_ownership vaut true (les salariés de la "
                "structure commune en détiendraient la majorité) / own_staff contradicts "
                "employee_ownership"
            )
        workers = [m for m in self.members or () if m.kind is MemberKind.worker]
        if self.own_staff is False and workers and self.employs_members is not False:
            raise _incoherent(
                "own_staff vaut false alors que des membres sont des travailleurs de la structure "
                f"commune ({', '.join(member_label(m) for m in workers)}) / own_staff contradicts "
                "the members"
            )
        private_only = bool(self.members) and all(
            m.kind in NEVER_PUBLIC_KINDS for m in self.members or ()
        )
        if self.public_bodies_members and private_only and members_listed_completely(self):
            raise _incoherent(
                "public_bodies_members vaut true alors que la liste complète des membres ne "
                "compte aucune personne publique ni aucun membre qui puisse en être une "
                "/ public_bodies_members contradicts the complete list of members"
            )
        if self.employs_members and self.members and members_listed_without_person(self):
            raise _incoherent(
                "employs_members vaut true alors que la liste complète des membres ne compte "
                "aucune personne physique / employs_members needs a natural person among members"
            )
        return self

    # --- construction helpers -------------------------------------------------------------
    @classmethod
    def from_file(cls, path: str | Path) -> Profile:
        """Read a profile from a YAML or JSON file.

        Raises :class:`~gesform.errors.ProfileFileError` when the file cannot be read or parsed
        (with its path) and ``pydantic.ValidationError`` when its content is not a valid profile.
        """
        return cast("Profile", render("profile_from_file", path))

    def answered(self) -> frozenset[str]:
        """Names of the answered questions (fields that are not None)."""
        skip = {"schema_version", "name", "description", "territory"}
        return frozenset(
            k for k in type(self).model_fields if k not in skip and getattr(self, k) is not None
        )

    def with_changes(self, **changes: Any) -> Profile:
        """A new, validated profile with these answers changed (``None`` forgets an answer)."""
        data = self.model_dump(mode="json", exclude_none=True)
        for key, value in changes.items():
            if key not in type(self).model_fields:
                guess = near_miss(key, type(self).model_fields)
                hint = f" ; vouliez-vous dire `{guess}` ?" if guess else ""
                raise ValueError(f"champ inconnu '{key}'{hint} / unknown field '{key}'")
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return type(self).model_validate(data)

    def to_yaml(self) -> str:
        """The profile as YAML text (unknown answers left out)."""
        import yaml

        data = self.model_dump(mode="json", exclude_none=True)
        text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        if yaml.safe_load(text) != data:  # PyYAML writes U+0085 raw, then reads a line break
            text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False)
        return text

    def _repr_html_(self) -> str:
        return str(render("profile_html", self))

    def __repr__(self) -> str:
        n = listed_members(self)
        return f"Profile({self.name or 'sans nom'!s}, {n} membres, {len(self.answered())} réponses)"
