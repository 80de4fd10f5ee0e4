"""The profile: vocabulary, validation errors that name the field, derived facts."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from gesform import Profile, profile_io
from gesform.errors import ProfileFileError
from gesform.facts import FACTS, derive_facts
from gesform.models.enums import LabelledEnum, MemberKind, Objective, Siae
from gesform.models.profile import INCOHERENT_PROFILE
from gesform.profile_io import as_profile


def _error_fields(exc: ValidationError) -> set[str]:
    return {".".join(str(p) for p in e["loc"]) for e in exc.errors()}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"unknown_field": 1}, "unknown_field"),
        ({"horizon": "forever"}, "horizon"),
        ({"objectives": "share_staff"}, "objectives"),
        (
            {"members": [{"kind": "association"}, {"kind": "sas", "employees": -3}]},
            "members.1.employees",
        ),
        ({"members": []}, "members"),
        ({"members": [{"kind": "association"}]}, "members"),
        ({"members": [{"kind": "association"}, {"kind": "club"}]}, "members.1.kind"),
        ({"profit_sharing": "peut-être"}, "profit_sharing"),
        ({"schema_version": 2}, "schema_version"),
    ],
)
def test_bad_input_names_the_field(data, field):
    with pytest.raises((ValidationError, ProfileFileError)) as err:
        as_profile(data)
    if isinstance(err.value, ValidationError):
        assert any(f.startswith(field) for f in _error_fields(err.value)), err.value


def test_newer_schema_version_says_what_to_do():
    with pytest.raises(ProfileFileError, match="plus récent"):
        as_profile({"schema_version": 7})


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (0, "n'a jamais existé"),
        (-3, "n'a jamais existé"),
        (10**5000, "plus récent"),
        ("1", "pas un numéro de version"),
        (True, "pas un numéro de version"),
        (None, "pas un numéro de version"),
    ],
    ids=["zero", "negative", "huge", "string", "bool", "null"],
)
def test_every_unreadable_schema_version_is_named_with_what_to_do(version, expected):
    with pytest.raises(ProfileFileError, match=expected) as err:
        as_profile({"schema_version": version})
    assert "schema_version" in str(err.value)
    assert "schema_version: 1" in str(err.value) or "mettez gesform à jour" in str(err.value)


def test_an_older_profile_is_migrated_step_by_step(monkeypatch):
    """The migration chain, exercised with a made-up version 0 that called ``territory``
    ``territoire`` (no real older version exists yet)."""

    def rename_territoire(data):
        data = dict(data)
        data["territory"] = data.pop("territoire")
        return data

    monkeypatch.setattr(profile_io, "FIRST_SCHEMA_VERSION", 0)
    monkeypatch.setitem(profile_io.MIGRATIONS, 0, rename_territoire)
    profile = as_profile({"schema_version": 0, "territoire": "Belfort"})
    assert profile.territory == "Belfort"
    assert profile.schema_version == 1


def test_a_missing_migration_step_is_named(monkeypatch):
    monkeypatch.setattr(profile_io, "FIRST_SCHEMA_VERSION", 0)
    with pytest.raises(ProfileFileError, match="aucune migration de la version 0 vers 1"):
        as_profile({"schema_version": 0})


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"same_territory": "true"}, "same_territory"),
        ({"same_territory": 1}, "same_territory"),
        ({"joint_liability_ok": "oui"}, "joint_liability_ok"),
        ({"member_count": "5"}, "member_count"),
        ({"member_count": True}, "member_count"),
        ({"member_count": 5.5}, "member_count"),
        ({"members": [{"employees": "3"}, {}]}, "members.0.employees"),
        ({"members": [{"has_economic_activity": 0}, {}]}, "members.0.has_economic_activity"),
    ],
)
def test_yes_no_and_numbers_are_never_guessed_from_other_types(data, field):
    with pytest.raises(ValidationError) as err:
        as_profile(data)
    assert field in _error_fields(err.value)


def test_a_whole_float_is_a_count():
    assert as_profile({"member_count": 5.0}).member_count == 5
    assert type(as_profile({"member_count": 5.0}).member_count) is int


def test_contradiction_between_answer_and_members_is_an_error():
    with pytest.raises(ValidationError, match="public_bodies_members"):
        Profile(
            public_bodies_members=False,
            members=[{"kind": "local_authority"}, {"kind": "association"}],
        )


def test_a_subsidy_recipient_without_subsidies_is_refused():
    with pytest.raises(ValidationError, match="subsidy_recipient") as info:
        Profile(public_funding=False, subsidy_recipient="members")
    assert {e["type"] for e in info.value.errors()} == {INCOHERENT_PROFILE}
    # Naming who receives the subsidies says that there are some.
    assert derive_facts(Profile(subsidy_recipient="members"))["public_funding"] is True
    assert derive_facts(Profile())["public_funding"] is None
    assert derive_facts(Profile(public_funding=True))["subsidy_recipient"] is None


def test_staff_of_the_joint_structure_follows_from_members_employed_by_it():
    with pytest.raises(ValidationError, match="own_staff") as info:
        Profile(own_staff=False, employs_members=True)
    assert {e["type"] for e in info.value.errors()} == {INCOHERENT_PROFILE}
    # Members who work in it say so too, unless the answer says otherwise (it wins).
    workers = [{"kind": "worker", "count": 3}, {"kind": "association"}]
    assert derive_facts(Profile(members=workers))["own_staff"] is True
    # « No staff » contradicts members who work in it, unless the group says they would not be
    # its employees (then the answer stands).
    with pytest.raises(ValidationError, match="own_staff"):
        Profile(members=workers, own_staff=False)
    answered = Profile(members=workers, own_staff=False, employs_members=False)
    assert derive_facts(answered)["own_staff"] is False
    # Members who would be its employees say that the joint structure employs.
    assert derive_facts(Profile(employs_members=True))["own_staff"] is True
    assert derive_facts(Profile(employs_members=False))["own_staff"] is None
    assert derive_facts(Profile(own_staff=False))["own_staff"] is False


def test_a_member_of_the_ess_by_status_cannot_say_it_is_not():
    # Associations, cooperatives, mutuals and foundations belong to the ESS by their status
    # (loi 2014-856, art. 1, II, 1°): saying otherwise contradicts the kind, and the error names
    # them.
    members = [{"name": "Régie", "kind": "association", "ess": False}, {"kind": "sarl"}]
    with pytest.raises(ValidationError, match="Régie") as info:
        Profile(members=members)
    assert {e["type"] for e in info.value.errors()} == {INCOHERENT_PROFILE}
    # Only private legal persons belong to the ESS: a public person cannot say it does.
    with pytest.raises(ValidationError, match="Mairie") as info:
        Profile(members=[{"name": "Mairie", "kind": "local_authority", "ess": True}, {}])
    assert {e["type"] for e in info.value.errors()} == {INCOHERENT_PROFILE}
    # A company may say it is an ESS enterprise (statutes of art. 1, II, or ESUS approval);
    # then it is an ESS member, not a conventional enterprise.
    ess_company = [{"kind": "sas", "ess": True}, {"kind": "local_authority"}]
    facts = derive_facts(Profile(members=ess_company, members_complete=True))
    assert facts["has_ess_member"] is True and facts["has_non_ess_enterprise"] is False
    plain = [{"kind": "sas"}, {"kind": "local_authority"}]
    facts = derive_facts(Profile(members=plain, members_complete=True))
    assert facts["has_ess_member"] is False and facts["has_non_ess_enterprise"] is True
    # An establishment's kind does not say who runs it: unknown until the member says.
    home = [{"kind": "social_medical_establishment"}, {"kind": "local_authority"}]
    assert derive_facts(Profile(members=home, members_complete=True))["has_ess_member"] is None
    said = [{"kind": "social_medical_establishment", "ess": True}, {"kind": "local_authority"}]
    assert derive_facts(Profile(members=said, members_complete=True))["has_ess_member"] is True


def test_members_who_are_all_structures_cannot_be_employees():
    structures = [{"kind": "scop"}, {"kind": "association"}]
    with pytest.raises(ValidationError, match="employs_members") as info:
        Profile(employs_members=True, members=structures)
    assert {e["type"] for e in info.value.errors()} == {INCOHERENT_PROFILE}
    # A person among them, a partial list or an unknown kind leaves it possible.
    assert Profile(employs_members=True, members=[*structures, {"kind": "person"}])
    assert Profile(employs_members=True, members=structures, members_complete=False)
    assert Profile(employs_members=True, members=[*structures, {"name": "?"}])


def test_every_enum_value_has_a_french_label():
    for enum in LabelledEnum.__subclasses__():
        assert set(enum.labels()) == {m.value for m in enum}
        assert all(enum.labels().values())


def test_schema_carries_french_labels_and_questions():
    schema = Profile.model_json_schema()
    assert schema["$defs"]["Objective"]["x-labels-fr"]["share_staff"].startswith("Partager")
    assert "question" in schema["properties"]["independence"]


def test_lists_are_deduplicated_without_losing_order():
    p = Profile(objectives=["share_staff", "public_tender", "share_staff"])
    assert p.objectives == [Objective.share_staff, Objective.public_tender]


def test_with_changes_validates_and_forgets():
    p = Profile(horizon="lasting", cross_boards=True)
    q = p.with_changes(horizon="one_off", cross_boards=None)
    assert q.horizon == "one_off" and q.cross_boards is None
    with pytest.raises(ValueError, match="inconnu"):
        p.with_changes(nope=1)


def test_yaml_round_trip(tmp_path):
    p = Profile(members=[{"name": "A", "kind": "association"}, {"kind": "sas"}], horizon="lasting")
    path = tmp_path / "p.yaml"
    path.write_text(p.to_yaml(), encoding="utf-8")
    assert Profile.from_file(path) == p


def test_yaml_round_trip_keeps_line_separators_in_text(tmp_path):
    """Found by fuzzing: PyYAML wrote U+0085 raw in a quoted string and read it back as a space."""
    p = Profile(name="Réseau\x85Sud", territory="Nord\u2028Est", description="a\x85\x85b")
    path = tmp_path / "p.yaml"
    path.write_text(p.to_yaml(), encoding="utf-8")
    assert Profile.from_file(path) == p


class TestDerivedFacts:
    def test_empty_profile_knows_nothing(self):
        facts = derive_facts(Profile())
        assert all(v is None for v in facts.values())
        assert set(facts) == set(FACTS)

    def test_legal_persons_are_counted_apart_from_natural_persons(self):
        """The PTCE decree counts legal persons: persons, workers, sole traders and liberal
        professionals are natural persons; an unknown kind does not count (a lower bound)."""
        p = Profile(
            members=[
                {"name": "Asso", "kind": "association"},
                {"name": "Habitants", "kind": "person", "count": 40},
                {"name": "Artisan", "kind": "sole_trader"},
                {"name": "Médecins", "kind": "health_professional", "count": 3},
                {"name": "Commune", "kind": "local_authority"},
                {"name": "Sans nature"},
            ]
        )
        f = derive_facts(p)
        assert f["legal_persons_at_least"] == 2
        assert f["has_non_ess_enterprise"] is True  # the sole trader
        assert f["has_non_ess_company"] is None  # partial: the member without kind may be one
        company = Profile(members=[{"kind": "association"}, {"kind": "sas", "count": 2}])
        g = derive_facts(company)
        assert g["legal_persons_at_least"] == 3 and g["has_non_ess_company"] is True
        ess_company = Profile(
            members=[{"kind": "association"}, {"kind": "sas", "ess": True}], members_complete=True
        )
        assert derive_facts(ess_company)["has_non_ess_company"] is False
        assert derive_facts(Profile())["legal_persons_at_least"] is None

    def test_a_public_or_natural_person_is_never_ess_and_an_answer_outweighs_an_agreement(self):
        """Loi 2014-856, art. 1: the ESS gathers private legal persons. A CCAS that runs an
        insertion workshop stays a public person; a company that answers it is not ESS stays
        outside it, whatever its IAE agreement."""
        ccas = {"name": "CCAS", "kind": "local_public_body", "siae": "aci"}
        companies = [{"name": "S1", "kind": "sas"}, {"name": "S2", "kind": "sarl"}]
        f = derive_facts(Profile(members=[ccas, *companies], members_complete=True))
        assert f["has_ess_member"] is False
        ei = {"name": "EI", "kind": "sas", "siae": "ei", "ess": False}
        g = derive_facts(Profile(members=[ei, {"name": "A", "kind": "association"}]))
        assert g["has_non_ess_enterprise"] is True and g["has_non_ess_company"] is True
        assert g["several_ess_members"] is not True
        agreed = {"name": "EI", "kind": "sas", "siae": "ei"}
        h = derive_facts(Profile(members=[agreed, {"name": "A", "kind": "association"}]))
        assert h["several_ess_members"] is True and h["has_non_ess_company"] is False

    def test_people_working_on_their_own_account_are_natural_persons(self):
        """Sole traders and liberal health professionals are natural persons (C. com.
        L526-22): a group of them has persons among its members, may answer that some of them
        would be employed by the joint structure, and counts them as enterprises outside the
        ESS."""
        members = [
            {"name": "Artisans", "kind": "sole_trader", "count": 3},
            {"name": "Infirmière", "kind": "health_professional"},
        ]
        p = Profile(members=members, members_complete=True)
        f = derive_facts(p)
        assert f["has_persons"] is True
        assert f["employs_members"] is None  # to be asked, no longer settled as « no »
        assert f["legal_persons_at_least"] == 0
        assert derive_facts(Profile(members=members, employs_members=True))["employs_members"]
        liberal = Profile(
            members=[
                {"name": "A", "kind": "association"},
                {"name": "M", "kind": "health_professional"},
            ]
        )
        assert derive_facts(liberal)["has_non_ess_enterprise"] is True

    def test_a_member_s_own_sector_counts_whatever_the_sectors_of_the_joint_project(self):
        """The group's sectors say what it does together; a member that says it is social or
        medico-social (or acts in health) is one, whatever the joint project's sectors."""
        members = [
            {"name": "Gestionnaire d'ESAT", "kind": "association", "sector": "social_medical"},
            {"name": "Coopérative", "kind": "scop", "sector": "culture"},
        ]
        f = derive_facts(Profile(members=members, sectors=["culture"]))
        assert f["has_social_medical_member"] is True
        assert f["social_medical_member_stated"] is True
        health = [
            {"name": "Centre de santé", "kind": "association", "sector": "health"},
            {"name": "B", "kind": "association", "sector": "social_medical"},
        ]
        assert derive_facts(Profile(members=health, sectors=["social_medical"]))[
            "has_health_member"
        ]

    def test_no_public_member_settles_the_cap_on_local_public_members(self):
        """C. trav. L1253-19 caps local public members at half: a group that says no public
        person is a member is under the cap, even on a partial list."""
        p = Profile(
            members=[{"name": "Associations", "kind": "association", "count": 3}],
            members_complete=False,
            public_bodies_members=False,
        )
        assert derive_facts(p)["local_public_members_majority"] is False
        p2 = Profile(
            members=[{"name": "Associations", "kind": "association", "count": 3}],
            members_complete=False,
        )
        assert derive_facts(p2)["local_public_members_majority"] is None

    def test_an_establishment_may_be_a_local_public_one_until_it_says_it_is_ess(self):
        """A public EHPAD is one of a local authority's public establishments (CASF L315-1),
        which count in the L1253-19 cap; the vocabulary describes it by its activity, so an
        establishment that does not say it belongs to the ESS leaves the cap open."""
        members = [
            {"name": "Commune", "kind": "local_authority"},
            {"name": "EHPAD", "kind": "social_medical_establishment"},
            {"name": "Association", "kind": "association"},
        ]
        p = Profile(members=members, public_bodies_members=True)
        assert derive_facts(p)["local_public_members_majority"] is None
        private = [*members[:1], {**members[1], "ess": True}, members[2]]
        q = Profile(members=private, public_bodies_members=True)
        assert derive_facts(q)["local_public_members_majority"] is False

    def test_what_a_member_does_not_say_stays_open_for_the_enterprise_and_public_facts(self):
        """An establishment or a training body that does not say it is ESS may be run by a
        company or be a public person (a university, a public hospital): both facts stay open.
        A person who sells in his own name (a farmer) is an entrepreneur individuel (C. com.
        L526-22), an enterprise outside the ESS like a sole trader."""
        training = [
            {"name": "A1", "kind": "association"},
            {"name": "A2", "kind": "association"},
            {"name": "Formation", "kind": "research_or_training"},
        ]
        f = derive_facts(Profile(members=training, members_complete=True))
        assert f["has_non_ess_enterprise"] is None and f["has_non_ess_company"] is None
        assert f["public_bodies_members"] is None
        said = [*training[:2], {**training[2], "ess": True}]
        g = derive_facts(Profile(members=said, members_complete=True))
        assert g["has_non_ess_enterprise"] is False and g["public_bodies_members"] is False
        farmers = [
            *training[:2],
            {"name": "Agriculteurs", "kind": "person", "count": 10, "has_economic_activity": True},
        ]
        h = derive_facts(Profile(members=farmers, members_complete=True))
        traders = [*training[:2], {"name": "Artisans", "kind": "sole_trader", "count": 10}]
        k = derive_facts(Profile(members=traders, members_complete=True))
        assert h["has_non_ess_enterprise"] is True and k["has_non_ess_enterprise"] is True
        assert h["has_non_ess_company"] is False  # natural persons, not companies

    def test_contradictory_answers_on_staff_and_public_members_are_refused(self):
        """The joint structure cannot employ no one while members are its workers or its
        employees hold the majority; public persons cannot be members of a complete list of
        private structures. The error names the fields (bad input is never guessed)."""
        workers = [
            {"name": "Salariés", "kind": "worker", "count": 3},
            {"name": "A", "kind": "association"},
        ]
        for data in (
            {"members": workers, "own_staff": False},
            {"own_staff": False, "employee_ownership": True},
            {
                "members": [{"name": "A", "kind": "association"}, {"name": "S", "kind": "sarl"}],
                "members_complete": True,
                "public_bodies_members": True,
            },
        ):
            with pytest.raises(ValidationError) as err:
                Profile.model_validate(data)
            assert INCOHERENT_PROFILE in str(err.value) or "incoh" in str(err.value).lower()
            assert any(f in str(err.value) for f in ("own_staff", "public_bodies_members"))
        Profile.model_validate(
            {
                "members": [
                    {"name": "A", "kind": "association"},
                    {"name": "U", "kind": "research_or_training"},
                ],
                "members_complete": True,
                "public_bodies_members": True,
            }
        )
        with pytest.raises(ValidationError):
            Profile.model_validate(
                {
                    "members": [
                        {"name": "CAF", "kind": "social_security_body", "ess": True},
                        {"name": "A", "kind": "association"},
                    ]
                }
            )

    def test_a_private_law_member_is_any_member_but_a_public_person(self):
        """L1253-19 has private-law persons create a GE with local authorities: a member is,
        or may be, of private law unless it is a public person; unknown on a partial list."""
        public = [
            {"name": "Commune", "kind": "local_authority"},
            {"name": "EP", "kind": "public_body"},
        ]
        assert derive_facts(Profile(members=public))["has_private_law_member"] is False
        ehpad = [*public, {"name": "EHPAD", "kind": "social_medical_establishment"}]
        assert derive_facts(Profile(members=ehpad))["has_private_law_member"] is None
        associative = [
            *public,
            {"name": "EHPAD", "kind": "social_medical_establishment", "ess": True},
        ]
        assert derive_facts(Profile(members=associative))["has_private_law_member"] is True
        association = [*public, {"name": "A", "kind": "association"}]
        assert derive_facts(Profile(members=association))["has_private_law_member"] is True
        partial = Profile(members=public, members_complete=False)
        assert derive_facts(partial)["has_private_law_member"] is None
        said = Profile(members=[{"name": "X"}, {"name": "Y"}], public_bodies_members=False)
        assert derive_facts(said)["has_private_law_member"] is True

    def test_a_manager_of_social_establishments_has_an_economic_activity(self):
        """Supplying services paid by a tariff is an economic activity in the GIE's sense, and
        CASF L312-7, 2° opens the GIE to social and medico-social managers."""
        p = Profile(members=[{"name": "EHPAD", "kind": "social_medical_establishment", "count": 3}])
        assert derive_facts(p)["all_members_economic"] is True

    def test_explicit_answer_wins_over_derived(self):
        members = [{"kind": "association"}, {"kind": "association"}]
        assert derive_facts(Profile(members=members))["public_bodies_members"] is False
        partial = Profile(members=members, members_complete=False, public_bodies_members=True)
        assert derive_facts(partial)["public_bodies_members"] is True

    def test_members_give_counts_and_kinds(self):
        p = Profile(
            members=[
                {"kind": "association", "siae": "ai"},
                {"kind": "association", "siae": "aci"},
                {"kind": "sas"},
                {"kind": "sarl"},
                {"kind": "local_authority"},
            ]
        )
        f = derive_facts(p)
        assert f["member_count"] == 5
        assert f["siae_count"] == 2
        assert f["commercial_company_count"] == 2
        assert f["has_local_authority"] is True
        assert f["public_bodies_members"] is True
        assert f["member_kinds"]["sas"] is True and f["member_kinds"]["scop"] is False
        assert f["has_non_ess_enterprise"] is True and f["has_ess_member"] is True

    def test_member_with_several_iae_agreements(self):
        """One legal person may hold several IAE agreements (an association both ACI and AI):
        it lists them all, and still counts as one structure of insertion."""
        both = {"kind": "association", "siae": ["aci", "ai"]}
        p = Profile(members=[both, {"kind": "association", "siae": "ei"}, {"kind": "sas"}])
        assert p.members[0].iae_agreements == {Siae.aci, Siae.ai}
        f = derive_facts(p)
        assert f["siae_count"] == 2
        assert {k for k, v in f["siae_kinds"].items() if v} == {"aci", "ai", "ei"}
        assert f["siae_kinds"]["etti"] is False
        assert f["has_ess_member"] is True and f["has_non_ess_enterprise"] is True
        again = Profile.model_validate(yaml.safe_load(p.to_yaml()))
        assert again == p and again.members[0].siae == [Siae.aci, Siae.ai]

    @pytest.mark.parametrize(
        ("written", "read"),
        [
            (["aci"], Siae.aci),
            (["aci", "aci"], Siae.aci),
            (["ai", "aci", "ai"], [Siae.ai, Siae.aci]),
        ],
    )
    def test_iae_agreements_listed_once(self, written, read):
        assert Profile(members=[{"siae": written}, {}]).members[0].siae == read

    @pytest.mark.parametrize("bad", [[], ["aci", "xyz"], "xyz", [["aci"]]])
    def test_bad_iae_agreements_name_the_field(self, bad):
        with pytest.raises(ValidationError) as err:
            Profile(members=[{"siae": bad}, {}])
        assert "siae" in str(err.value)

    def test_unknown_member_kind_keeps_counts_unknown(self):
        f = derive_facts(Profile(members=[{"kind": "sas"}, {"name": "?"}]))
        assert f["commercial_company_count"] is None
        assert f["member_kinds"]["sas"] is True and f["member_kinds"]["scop"] is None

    def test_social_medical_member_from_kind_sector_or_group_sectors(self):
        essms = {"kind": MemberKind.social_medical_establishment}
        assert derive_facts(Profile(members=[essms, {}]))["has_social_medical_member"] is True
        assert derive_facts(Profile(sectors=["culture"]))["has_social_medical_member"] is False
        assert derive_facts(Profile(sectors=["social_medical"]))["has_social_medical_member"]
        siae = [{"kind": "association", "siae": "ai"}, {"kind": "association", "siae": "aci"}]
        assert derive_facts(Profile(members=siae))["has_social_medical_member"] is False

    def test_employed_members_only_among_natural_persons(self):
        structures = [{"kind": "association"}, {"kind": "sas"}]
        assert derive_facts(Profile(members=structures))["employs_members"] is False
        persons = [{"kind": "person"}, {"kind": "association"}]
        assert derive_facts(Profile(members=persons))["employs_members"] is None
        partial = Profile(members=structures, members_complete=False)
        assert derive_facts(partial)["employs_members"] is None
        assert derive_facts(Profile(members=persons, employs_members=True))["employs_members"]

    def test_economic_activity_by_nature(self):
        """Companies trade by nature; a natural person is asked, save the joint staff."""
        f = derive_facts(Profile(members=[{"kind": "sas"}, {"kind": "association", "siae": "ai"}]))
        assert f["all_members_economic"] is True
        f = derive_facts(Profile(members=[{"kind": "sas"}, {"kind": "worker"}]))
        assert f["all_members_economic"] is False
        f = derive_facts(Profile(members=[{"kind": "sas"}, {"kind": "person"}]))
        assert f["all_members_economic"] is None
        citizen = {"kind": "person", "has_economic_activity": False}
        f = derive_facts(Profile(members=[{"kind": "sas"}, citizen]))
        assert f["all_members_economic"] is False
        f = derive_facts(Profile(members=[{"kind": "sas"}, {"kind": "association"}]))
        assert f["all_members_economic"] is None

    def test_the_joint_structure_produces_when_it_sells_or_serves_others(self):
        """One reading of "the joint structure would produce or supply" (loi 47-1775, art. 19
        quinquies) for every rule that needs it: a commercial activity or a producing aim
        settles it; neither, both answered, denies it; otherwise it stays unknown."""

        def produces(**answers: object) -> object:
            return derive_facts(Profile.model_validate(answers))["joint_structure_produces"]

        assert produces() is None
        assert produces(commercial_activity="ancillary") is True
        assert produces(objectives=["coordinate", "shared_place"]) is True
        assert produces(objectives=["coordinate", "represent"]) is None
        assert produces(commercial_activity="none") is None
        quiet = produces(commercial_activity="none", objectives=["coordinate", "represent"])
        assert quiet is False
        assert produces(commercial_activity="core", objectives=["represent"]) is True

    def test_the_employers_group_purpose_is_read_once_from_aims_and_pooled_functions(self):
        """One reading of "the group asks for what the employers' group is for" (C. trav.
        L1253-1) for every GE cell that needs it: sharing or recruiting staff, insertion
        pathways, or payroll or HR named among the functions to pool, with or without the
        objective; aims that say none of it deny it; a free-text function leaves it open."""

        def purpose(**answers: object) -> object:
            return derive_facts(Profile.model_validate(answers))["employer_group_purpose"]

        assert purpose() is None
        assert purpose(objectives=["recruit_together"]) is True
        assert purpose(objectives=["secure_pathways", "joint_offer"]) is True
        assert purpose(objectives=["joint_offer"]) is False
        assert purpose(shared_functions=["hr"]) is True
        assert purpose(objectives=["promote_together"], shared_functions=["payroll"]) is True
        assert purpose(objectives=["share_support_functions"]) is None
        pooled = ["accounting"]
        assert purpose(objectives=["share_support_functions"], shared_functions=pooled) is False
        assert purpose(objectives=["share_support_functions"], shared_functions=["paie"]) is None
        assert purpose(shared_functions=["accounting"]) is None


# --- issue #18, point 3: vocabulary --------------------------------------------------------


class TestMemberLinesWithACount:
    """A member line may stand for several similar members (« vingt fermes »)."""

    def test_one_line_of_twenty_farms_is_a_group(self):
        p = Profile(members=[{"name": "Fermes", "kind": "sas", "count": 20, "employees": 3}])
        f = derive_facts(p)
        assert f["member_count"] == 20
        assert f["commercial_company_count"] == 20
        assert f["association_count"] == 0
        assert f["total_employees"] == 60.0
        assert f["all_members_associations"] is False

    def test_every_count_fact_counts_the_lines_counts(self):
        p = Profile(
            members=[
                {"kind": "association", "siae": "aci", "count": 4, "employees": 10},
                {"kind": "sarl", "count": 3, "employees": 2},
                {"kind": "local_authority"},
            ]
        )
        f = derive_facts(p)
        assert (f["member_count"], f["siae_count"], f["association_count"]) == (8, 4, 4)
        assert f["commercial_company_count"] == 3
        assert f["total_employees"] is None  # the authority's head count is unknown

    def test_a_single_member_is_still_not_a_cooperation(self):
        for complete in ({}, {"members_complete": True}):
            with pytest.raises(ValidationError) as info:
                Profile(members=[{"kind": "association"}], **complete)
            (error,) = info.value.errors()
            assert error["type"] == INCOHERENT_PROFILE and error["loc"] == ("members",)
            assert "count ≥ 2" in error["msg"] and "members_complete: false" in error["msg"]

    def test_a_partial_list_may_name_a_single_member(self):
        """An advisor who knows one member so far says the list is partial (or gives the
        total): the profile is valid and counts at least two members, none exactly."""
        for partial in ({"members_complete": False}, {"member_count": 4}):
            p = Profile(members=[{"name": "Société B.", "kind": "sas"}], **partial)
            f = derive_facts(p)
            assert f["members_at_least"] == partial.get("member_count", 2)
            assert f["member_count"] == partial.get("member_count")

    def test_a_single_member_is_named_with_the_other_errors(self):
        with pytest.raises(ValidationError) as info:
            Profile.model_validate({"members": [{"kind": "association"}], "sameTerritory": True})
        assert {e["loc"] for e in info.value.errors()} == {("members",), ("sameTerritory",)}

    @pytest.mark.parametrize("count", [0, -1, "3", True, 2.5, None])
    def test_a_count_is_a_whole_number_of_at_least_one(self, count):
        with pytest.raises(ValidationError) as info:
            Profile(members=[{"count": count}, {}])
        assert ("members", 0, "count") in {e["loc"] for e in info.value.errors()}

    def test_a_whole_float_is_a_count(self):
        assert Profile(members=[{"count": 3.0}]).members[0].count == 3

    def test_member_count_is_checked_against_the_counted_members(self):
        lines = [{"kind": "association", "count": 5}, {"kind": "scop"}]
        with pytest.raises(ValidationError, match=r"inférieur au nombre de membres décrits \(6\)"):
            Profile(members=lines, member_count=4)
        assert derive_facts(Profile(members=lines, member_count=6))["association_count"] == 5
        # a larger member_count: the list is partial, the counts are unknown
        partial = derive_facts(Profile(members=lines, member_count=9))
        assert partial["association_count"] is None and partial["member_count"] == 9

    def test_a_profile_without_counts_reads_as_before(self):
        p = Profile(members=[{"kind": "association"}, {"kind": "sas"}])
        assert [m.count for m in p.members] == [1, 1]
        assert derive_facts(p)["member_count"] == 2

    def test_explanations_name_a_line_with_its_count(self):
        from gesform.guidance.answers import answer_label
        from gesform.models.profile import member_label

        farms = Profile(members=[{"name": "Fermes", "kind": "sas", "count": 20}, {}])
        assert member_label(farms.members[0]) == "Fermes × 20"
        assert answer_label(farms.members, "members") == "21 membres : SAS × 20, ?"
        assert "21 membres" in repr(farms)
        with pytest.raises(ValidationError, match="Collectivité territoriale ou groupement × 3"):
            Profile(public_bodies_members=False, members=[{"kind": "local_authority", "count": 3}])

    def test_a_member_table_shows_the_count(self):
        from gesform.display.html import member_rows, profile_html

        p = Profile(members=[{"name": "Fermes", "kind": "sas", "count": 20}, {"kind": "scic"}])
        assert [row[0] for row in member_rows(p)] == ["Fermes × 20", "Membre 2"]
        assert "Membres (21)" in profile_html(p)


def test_the_sectors_an_ess_advisor_meets():
    from gesform.models.enums import Sector

    for value in ("sport", "tourism", "training", "finance", "research"):
        assert Sector(value).label and Sector(value).label != value
    p = Profile(members=[{"kind": "association", "sector": "sport", "count": 12}])
    assert derive_facts(p)["sectors"]["sport"] is True


class TestJointSales:
    """Whether the joint structure sells its members' production or runs its own business."""

    def test_the_answer_is_a_fact_for_the_rules(self):
        assert FACTS["joint_sales"].values == ("members_production", "own_business")
        assert derive_facts(Profile(joint_sales="members_production"))["joint_sales"] == (
            "members_production"
        )
        assert derive_facts(Profile())["joint_sales"] is None

    def test_it_is_a_question_with_french_choices_and_help(self):
        from gesform.questions import QUESTIONS

        q = QUESTIONS["joint_sales"]
        assert q.answer_type == "enum"
        assert q.choices["members_production"].startswith("La production de ses membres")
        assert "L251-1" in q.help and q.question.endswith("?")

    def test_a_wrong_value_names_the_close_one(self):
        with pytest.raises(ValidationError, match="vouliez-vous dire `own_business`"):
            Profile(joint_sales="own-business")


def test_saved_version_1_profiles_still_read_the_same():
    """The additions are optional (the changelog's rule: adding is minor, still version 1)."""
    from pathlib import Path

    for path in sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml")):
        p = Profile.from_file(path)
        assert p.schema_version == 1
        assert all(m.count == 1 for m in p.members or ())
        assert p.joint_sales is None


def test_member_questions_keep_the_acronyms_of_their_titles():
    """A member detail asked for every member reads « Membres : … » with only its first letter
    lowered: « l'ESS » stays in capitals."""
    from gesform.questions import QUESTIONS

    assert QUESTIONS["members.ess"].title == "Membres : entreprise de l'ESS"
    assert QUESTIONS["members.kind"].title == "Membres : nature juridique"
    assert QUESTIONS["members.ess"].question.startswith("Pour chaque membre : ce membre est-il")
