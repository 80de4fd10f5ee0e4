"""The profile's enumerations: English values (the public contract), French labels."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

__all__ = [
    "CapitalLevel",
    "CommercialActivity",
    "CooperationStage",
    "Horizon",
    "Independence",
    "JointSales",
    "LabelledEnum",
    "MemberKind",
    "Objective",
    "Sector",
    "SetupSpeed",
    "SharedFunction",
    "Siae",
    "SubsidyRecipient",
]


class LabelledEnum(StrEnum):
    """A string enum whose members carry a French label (``.label``), also in the JSON Schema."""

    _value_: str
    __labels__: ClassVar[dict[str, str]] = {}

    @property
    def label(self) -> str:
        """French label of this value."""
        return type(self).__labels__.get(self.value, self.value)

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Every value with its French label, in declaration order."""
        return {m.value: m.label for m in cls}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema: dict[str, Any] = handler(schema)
        json_schema = handler.resolve_ref_schema(json_schema)
        json_schema["x-labels-fr"] = cls.labels()
        return json_schema


def _labels(cls: type[LabelledEnum], labels: dict[str, str]) -> None:
    missing = {m.value for m in cls} - set(labels)
    if missing:  # pragma: no cover - caught at import by the test suite
        raise RuntimeError(f"{cls.__name__}: no label for {sorted(missing)}")
    cls.__labels__ = labels


class MemberKind(LabelledEnum):
    """Legal nature of a member."""

    association = "association"
    scop = "scop"
    scic = "scic"
    other_cooperative = "other_cooperative"
    sarl = "sarl"
    sas = "sas"
    sa = "sa"
    sole_trader = "sole_trader"
    local_authority = "local_authority"
    public_body = "public_body"
    social_medical_establishment = "social_medical_establishment"
    health_establishment = "health_establishment"
    health_professional = "health_professional"
    foundation = "foundation"
    mutual = "mutual"
    company = "company"
    research_or_training = "research_or_training"
    person = "person"
    worker = "worker"
    social_security_body = "social_security_body"
    # Added in December 2026: last, so that numbered menus and saved orders stay as they were.
    local_public_body = "local_public_body"
    state = "state"


_labels(
    MemberKind,
    {
        "association": "Association",
        "scop": "SCOP",
        "scic": "SCIC",
        "other_cooperative": "Autre coopérative",
        "sarl": "SARL",
        "sas": "SAS",
        "sa": "SA",
        "sole_trader": "Entrepreneur individuel",
        "local_authority": "Collectivité territoriale ou groupement",
        "public_body": (
            "Autre personne publique (établissement public de l'État, chambre consulaire…)"
        ),
        "social_medical_establishment": "Établissement ou service social ou médico-social (ESSMS)",
        "health_establishment": "Établissement de santé",
        "health_professional": "Professionnel de santé libéral",
        "foundation": "Fondation",
        "mutual": "Mutuelle",
        "company": "Autre société",
        "research_or_training": "Recherche, université ou organisme de formation",
        "person": "Personne physique (citoyen, bénévole, usager)",
        "worker": "Travailleur de la structure commune (salarié actuel ou futur)",
        "social_security_body": (
            "Caisse locale ou régionale de sécurité sociale (CAF, MSA, CPAM, CARSAT…)"
        ),
        "local_public_body": "Établissement public local (CCAS, office public de l'habitat…)",
        "state": "L'État lui-même (ministère, préfecture, service déconcentré)",
    },
)


class Siae(LabelledEnum):
    """Agreement for insertion through economic activity (IAE)."""

    ai = "ai"
    aci = "aci"
    ei = "ei"
    etti = "etti"
    eiti = "eiti"


_labels(
    Siae,
    {
        "ai": "Association intermédiaire (AI)",
        "aci": "Atelier et chantier d'insertion (ACI)",
        "ei": "Entreprise d'insertion (EI)",
        "etti": "Entreprise de travail temporaire d'insertion (ETTI)",
        "eiti": "Entreprise d'insertion par le travail indépendant (EITI)",
    },
)


class Sector(LabelledEnum):
    """Field of activity."""

    insertion = "insertion"
    social_medical = "social_medical"
    health = "health"
    culture = "culture"
    popular_education = "popular_education"
    agriculture_food = "agriculture_food"
    environment_waste = "environment_waste"
    personal_services = "personal_services"
    mobility = "mobility"
    construction = "construction"
    energy = "energy"
    housing = "housing"
    digital = "digital"
    sport = "sport"
    tourism = "tourism"
    training = "training"
    finance = "finance"
    research = "research"
    industry = "industry"
    retail = "retail"
    early_childhood = "early_childhood"
    media = "media"
    employment_services = "employment_services"
    consulting = "consulting"
    social_centres = "social_centres"
    hospitality = "hospitality"
    cleaning = "cleaning"
    food_aid = "food_aid"
    other = "other"


_labels(
    Sector,
    {
        "insertion": "Insertion par l'activité économique",
        "social_medical": "Social et médico-social",
        "health": "Santé",
        "culture": "Culture",
        "popular_education": "Éducation populaire",
        "agriculture_food": "Agriculture et alimentation",
        "environment_waste": "Environnement, déchets, réemploi",
        "personal_services": "Services à la personne",
        "mobility": "Mobilité",
        "construction": "Bâtiment et travaux publics",
        "energy": "Énergie (production, économies d'énergie)",
        "housing": "Logement",
        "digital": "Numérique",
        "sport": "Sport",
        "tourism": "Tourisme et loisirs",
        "training": "Formation professionnelle",
        "finance": "Finance solidaire, banque, assurance",
        "research": "Recherche et innovation",
        "industry": "Industrie (production manufacturière, métallurgie…)",
        "retail": "Commerce (magasins, distribution)",
        "early_childhood": "Petite enfance (crèches, accueil du jeune enfant)",
        "media": "Presse, médias et édition",
        "employment_services": "Emploi, travail temporaire et placement",
        "consulting": "Conseil, études et ingénierie",
        "social_centres": "Animation de la vie sociale (centres sociaux, MJC)",
        "hospitality": "Hôtellerie et restauration",
        "cleaning": "Propreté et nettoyage",
        "food_aid": "Aide alimentaire (banques alimentaires, épiceries solidaires)",
        "other": "Autre",
    },
)


class CooperationStage(LabelledEnum):
    """Where the group stands in the guide's five steps."""

    know_each_other = "know_each_other"
    talk = "talk"
    work_together = "work_together"
    pool = "pool"
    cooperate = "cooperate"


_labels(
    CooperationStage,
    {
        "know_each_other": "1. Se connaître",
        "talk": "2. Se parler",
        "work_together": "3. Travailler ensemble",
        "pool": "4. Mutualiser",
        "cooperate": "5. Coopérer",
    },
)


class Horizon(LabelledEnum):
    """How long the cooperation is meant to last."""

    one_off = "one_off"
    contract = "contract"
    lasting = "lasting"


_labels(
    Horizon,
    {
        "one_off": "Une opération ponctuelle",
        "contract": "La durée d'un contrat ou d'un marché",
        "lasting": "Un projet commun durable",
    },
)


class Objective(LabelledEnum):
    """What the members want to do together."""

    share_staff = "share_staff"
    recruit_together = "recruit_together"
    share_support_functions = "share_support_functions"
    unified_governance = "unified_governance"
    joint_offer = "joint_offer"
    public_tender = "public_tender"
    joint_grant_application = "joint_grant_application"
    shared_place = "shared_place"
    local_supply_chain = "local_supply_chain"
    group_purchasing = "group_purchasing"
    share_equipment = "share_equipment"
    new_activity = "new_activity"
    secure_pathways = "secure_pathways"
    territorial_development = "territorial_development"
    rescue = "rescue"
    employee_takeover = "employee_takeover"
    transform_structure = "transform_structure"
    train_together = "train_together"
    promote_together = "promote_together"
    support_project_holders = "support_project_holders"
    local_service = "local_service"
    run_public_facility = "run_public_facility"
    represent = "represent"
    coordinate = "coordinate"
    run_essms = "run_essms"
    health_community = "health_community"


_labels(
    Objective,
    {
        "share_staff": "Partager des salariés, créer des emplois partagés",
        "recruit_together": "Recruter ensemble, faire face ensemble aux difficultés de recrutement",
        "share_support_functions": "Mutualiser des fonctions support",
        "unified_governance": "Se doter d'une gouvernance unique pour tout le groupe",
        "joint_offer": "Construire une offre commune",
        "public_tender": (
            "Répondre ensemble à un marché public (appel d'offres, procédure adaptée…)"
        ),
        "joint_grant_application": "Répondre ensemble à un appel à projets (subvention)",
        "shared_place": "Faire vivre un lieu commun",
        "local_supply_chain": "Structurer une filière locale",
        "group_purchasing": "Acheter ensemble",
        "share_equipment": "Mettre en commun du matériel ou des équipements",
        "new_activity": "Créer ensemble une nouvelle activité",
        "secure_pathways": "Sécuriser les parcours d'insertion",
        "territorial_development": "Construire une stratégie commune de territoire",
        "rescue": "Consolider ou sauver des structures en difficulté",
        "employee_takeover": "Faire reprendre une entreprise par ses salariés",
        "transform_structure": "Transformer une structure existante en une autre forme",
        "train_together": "Former ensemble les salariés, bénévoles ou dirigeants des membres",
        "promote_together": "Promouvoir ensemble les membres et leur offre (communication, marque)",
        "support_project_holders": (
            "Accompagner ensemble des porteurs de projet (incubation, création d'activité)"
        ),
        "local_service": (
            "Garder ou rouvrir un service de proximité pour les habitants (commerce, café, "
            "abattoir, soins…)"
        ),
        "run_public_facility": (
            "Gérer un équipement ou un service qu'une collectivité confie (centre social, maison "
            "de quartier, équipement culturel ou sportif…)"
        ),
        "represent": "Représenter les membres et porter leur parole ensemble",
        "coordinate": "Coordonner leurs actions dans un partenariat (politique concertée)",
        "run_essms": (
            "Gérer ensemble un établissement ou service social ou médico-social autorisé (ESSMS : "
            "EHPAD, SSIAD, foyer, ESAT, appartements de coordination thérapeutique…)"
        ),
        "health_community": (
            "Constituer une communauté professionnelle territoriale de santé (CPTS) à "
            "l'initiative de professionnels de santé d'un territoire, avec le cas échéant des "
            "acteurs sociaux et médico-sociaux"
        ),
    },
)


class SharedFunction(LabelledEnum):
    """A support function that could be pooled."""

    accounting = "accounting"
    payroll = "payroll"
    hr = "hr"
    it = "it"
    management = "management"
    communication = "communication"
    purchasing = "purchasing"
    treasury = "treasury"
    development = "development"
    secretariat = "secretariat"


_labels(
    SharedFunction,
    {
        "accounting": "Comptabilité",
        "payroll": "Paie",
        "hr": "Ressources humaines",
        "it": "Informatique",
        "management": "Direction",
        "communication": "Communication",
        "purchasing": "Achats",
        "treasury": "Trésorerie",
        "development": "Développement",
        "secretariat": "Secrétariat",
    },
)


class Independence(LabelledEnum):
    """How much each member wants to keep its own governance."""

    strong = "strong"
    moderate = "moderate"
    weak = "weak"


_labels(
    Independence,
    {"strong": "Forte", "moderate": "Modérée", "weak": "Faible"},
)


class CapitalLevel(LabelledEnum):
    """Capital the members can bring."""

    none = "none"
    small = "small"
    large = "large"


_labels(CapitalLevel, {"none": "Aucun", "small": "Faible", "large": "Important"})


class CommercialActivity(LabelledEnum):
    """Place of commercial activity in the joint structure."""

    none = "none"
    ancillary = "ancillary"
    core = "core"


_labels(
    CommercialActivity,
    {"none": "Aucune", "ancillary": "Accessoire", "core": "Principale"},
)


class JointSales(LabelledEnum):
    """What the joint structure sells: its members' production, or a business of its own."""

    members_production = "members_production"
    own_business = "own_business"


_labels(
    JointSales,
    {
        "members_production": "La production de ses membres (prolonge leur activité)",
        "own_business": "L'activité propre d'une entreprise commune",
    },
)


class SubsidyRecipient(LabelledEnum):
    """Who would receive the subsidies: the joint structure, each member for its part, or both."""

    joint_structure = "joint_structure"
    members = "members"
    both = "both"


_labels(
    SubsidyRecipient,
    {
        "joint_structure": (
            "Un seul bénéficiaire pour le projet commun (structure commune ou membre chef de file)"
        ),
        "members": "Les membres, chacun pour son action",
        "both": "La structure commune et les membres",
    },
)


class SetupSpeed(LabelledEnum):
    """How fast the structure must be set up."""

    fast = "fast"
    normal = "normal"


_labels(
    SetupSpeed,
    {"fast": "Rapide (quelques semaines)", "normal": "Normale"},
)
