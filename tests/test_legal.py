"""The law is right: the corrections of the December 2026 legal review (issue #16).

Each answer-changing correction has a profile whose verdict changes, with the article in the
reason; each exclusion turned into a weak fit has a profile that was excluded and is not any more.
The dates and the source of every legal basis are checked in ``tests/test_rule_files.py`` and
here (``read_on``).
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from gesform import Profile, load_catalog, recommend
from gesform.facts import derive_facts, has_social_medical_member
from gesform.models.results import Assessment, Verdict


def _assess(form_id: str, **answers: object) -> Assessment:
    return recommend(Profile.model_validate(answers))[form_id]


def _reason(a: Assessment, rule_id: str):
    return next(r for r in a.reasons if r.rule_id == rule_id)


# --- 1. Loi 47-1775 art. 3 bis: 35 % of the votes for non-cooperative non-user associates --------
def test_art_3_bis_states_the_35_percent_cap_and_the_ges_cooperative_vehicle_says_it() -> None:
    catalog = load_catalog()
    basis = catalog.legal_basis("coop_loi1947_art3bis")
    assert "49 %" in basis.summary and "35 %" in basis.summary
    vehicle = catalog["ges"].vehicle("cooperative_governance")
    assert "35 %" in vehicle.when
    assert "coop_loi1947_art3bis" in {s.legal_basis for s in vehicle.sources}


def test_ges_with_a_cooperative_member_gets_the_cooperative_vehicle_and_its_cap() -> None:
    a = _assess(
        "ges",
        members=[{"kind": "scic"}, {"kind": "association"}],
        objectives=["unified_governance"],
    )
    chosen = {v.vehicle_id for v in a.vehicles}
    assert "cooperative_governance" in chosen
    catalog = load_catalog()
    assert "35 %" in catalog["ges"].vehicle("cooperative_governance").when


# --- 2. SCIC art. 19 septies: the 50 % cap is for collectivités, groupements and EPT only ------
def test_scic_public_partner_reason_limits_the_cap_to_local_authorities() -> None:
    a = _assess(
        "scic",
        members=[{"kind": "public_body"}, {"kind": "association"}],
        objectives=["new_activity"],
    )
    reason = _reason(a, "scic.public_bodies")
    assert "art. 19 septies" in reason.source.label
    assert "collectivités territoriales, leurs groupements et établissements publics" in (
        reason.because
    )
    advantage = next(adv.text for adv in load_catalog()["scic"].advantages if "50 %" in adv.text)
    assert "autres personnes publiques" not in advantage
    assert "établissements publics territoriaux" in advantage


# --- 3. GCSMS: a social or medico-social member is needed; an association running a SAAD is one -
SAAD_GROUP = {
    "members": [
        {"name": "Aide à domicile A", "kind": "association", "sector": "personal_services"},
        {"name": "Aide à domicile B", "kind": "association", "sector": "personal_services"},
        {"name": "Aide à domicile C", "kind": "association", "sector": "personal_services"},
    ],
    "members_complete": True,
    "sectors": ["personal_services"],
    "objectives": ["share_support_functions"],
}


def test_three_associations_running_home_help_can_form_a_gcsms() -> None:
    # Before the review the GCSMS was excluded (gcsms.purpose_outside_social_field, L312-7).
    profile = Profile.model_validate(SAAD_GROUP)
    assert has_social_medical_member(profile) is True
    a = recommend(profile)["gcsms"]
    assert a.verdict.value != "excluded", a.explain()
    assert _reason(a, "gcsms.pool_means").direction == "for"


def test_an_association_running_an_esat_counts_through_its_sector() -> None:
    p = Profile.model_validate(
        {"members": [{"kind": "association", "sector": "social_medical"}, {"kind": "sas"}]}
    )
    assert has_social_medical_member(p) is True


def test_health_establishments_alone_cannot_form_a_gcsms() -> None:
    # Before the review: a 15-point malus (gcsms.health_only), the form stayed possible.
    a = _assess(
        "gcsms",
        members=[{"kind": "health_establishment"}, {"kind": "health_professional"}],
        members_complete=True,
        sectors=["health"],
        objectives=["share_support_functions"],
    )
    assert a.verdict.value == "excluded"
    reason = _reason(a, "gcsms.no_social_medical_member")
    assert reason.effect.value == "exclude"
    assert "L312-7" in reason.source.label


def test_a_group_that_sets_out_to_run_an_essms_may_form_a_gcsms_before_managing_one() -> None:
    # L312-7 (version of 30 Dec 2015) opens its tools to the persons "qui peuvent être
    # gestionnaires au sens de l'article L. 311-1": a group that wants to run an establishment or
    # a service together may form the GCSMS that will be authorised, though no member runs one.
    a = _assess(
        "gcsms",
        members=[{"kind": "health_establishment"}, {"kind": "association", "sector": "housing"}],
        members_complete=True,
        sectors=["health", "housing"],
        objectives=["run_essms"],
    )
    assert a.verdict.value != "excluded", a.explain()
    assert all(r.rule_id != "gcsms.no_social_medical_member" for r in a.reasons)
    assert _reason(a, "gcsms.run_essms").direction == "for"


# --- 4. Groupement d'employeurs L1253-1: non-profit operations only ---------------------------
def test_members_expecting_profit_sharing_exclude_the_groupement_d_employeurs() -> None:
    # Before the review: a 15-point malus (groupement_employeurs.profit_expected).
    a = _assess("groupement_employeurs", objectives=["share_staff"], profit_sharing=True)
    assert a.verdict.value == "excluded"
    reason = _reason(a, "groupement_employeurs.profit_sharing")
    assert reason.effect.value == "exclude"
    assert "L1253-1" in reason.source.label


# --- A form the group did not ask for is a weak fit, not a legal impossibility -----------------
@pytest.mark.parametrize(
    ("form_id", "answers", "rule_id", "article"),
    [
        (
            "groupement_employeurs",
            {"objectives": ["joint_offer"], "sell_to_non_members": False, "profit_sharing": False},
            "groupement_employeurs.no_staff_sharing",
            "L1253-1",
        ),
        (
            "convention",
            {"borrowing_needs": True},
            "convention.needs_legal_person",
            "1199",
        ),
        (
            "ptce",
            {
                "members": [{"kind": "association"}, {"kind": "scic"}, {"kind": "local_authority"}],
                "members_complete": True,
                "same_territory": True,
            },
            "ptce.no_non_ess_enterprise",
            "2014-856",
        ),
        ("ges", {"independence": "strong"}, "ges.independence_strong", None),
    ],
)
def test_weak_fits_are_maluses_not_exclusions(
    form_id: str, answers: dict, rule_id: str, article: str | None
) -> None:
    a = _assess(form_id, **answers)
    assert a.verdict.value != "excluded", a.explain()
    reason = _reason(a, rule_id)
    assert reason.effect.value == "malus" and reason.direction == "against"
    if article is not None:
        assert article in reason.source.label


def test_scop_condition_names_the_scop_d_amorcage() -> None:
    a = _assess("scop", employee_ownership=False)
    assert a.verdict.value == "excluded"
    reason = _reason(a, "scop.employee_ownership")
    assert "art. 3 bis" in reason.source.label and "amorçage" in reason.because


# --- Freshness and dates ------------------------------------------------------------------------
def test_every_legal_basis_is_dated() -> None:
    for basis in load_catalog().legal_bases.values():
        assert basis.read_on <= basis.checked_on, basis.id
        if basis.in_force_since is not None:
            assert basis.in_force_since <= basis.read_on, basis.id


def test_reviewed_bases_are_checked_on_the_review_date() -> None:
    bases = load_catalog().legal_bases
    review = date(2026, 12, 5)
    for basis_id in (
        "coop_loi1947_art3bis",
        "coop_loi1947_art16",
        "scic_art19_septies",
        "casf_l312_7",
        "ct_l1253_1",
        "ct_l8241_1",
        "ccp_r2142_24",
    ):
        assert bases[basis_id].checked_on >= review, basis_id


def test_the_tenth_review_dates_the_versions_it_read() -> None:
    """The version read is the one the summary describes: art. 19 septies as amended in 2022
    (collectivities' current-account advances), art. 10 of loi 2000-321 as in force in 2016,
    with the later versions said to be unread."""
    bases = load_catalog().legal_bases
    septies = bases["scic_art19_septies"]
    assert septies.read_on >= date(2022, 2, 23) and "compte courant" in septies.summary
    art10 = bases["dcra_2000_321_art10"]
    assert art10.read_on == art10.in_force_since == date(2016, 1, 1)
    assert "non lues" in art10.summary and "service public industriel" in art10.summary
    art48 = bases["scop_loi1978_art48"].summary
    assert "titre III" not in art48 and "49 ter" in art48 and "non relu" in art48
    assert "D1253-45" in bases["ct_l1253_1"].summary


def test_the_eleventh_review_records_what_the_etalab_export_says() -> None:
    """Read on the Etalab export of the codes (CASF as in force between 2014 and 2019: its
    R312-194-18 still has the préfet's approval): a GCSMS goes without contributions only when
    it has no running costs, the votes follow the members' rights, an employers' group across
    collective agreements works only after a declaration the administration may oppose, and the
    GEIQ places its employees with its members. Each summary says which copy it rests on, and
    a version never read in 2026 is not dated 2026."""
    bases = load_catalog().legal_bases
    capital = bases["casf_r312_194_11"].summary
    assert "coût de fonctionnement" in capital and "apports en industrie" in capital
    assert "voix" in bases["casf_r312_194_12"].summary
    declared = bases["ct_l1253_17"]
    assert "déclaration" in declared.summary and "s’y opposer" in declared.summary
    assert "qu'ils mettent à la disposition de leurs membres" in bases["ct_l1253_1"].summary
    assert "sans solidarité" in bases["cc_1871"].summary
    for basis_id in ("casf_r312_194_11", "casf_r312_194_12", "casf_r312_194_23"):
        assert "Etalab" in bases[basis_id].summary, basis_id
        assert bases[basis_id].checked_on >= date(2026, 12, 6), basis_id
    for basis_id in ("casf_r312_194_11", "casf_r312_194_12", "casf_r312_194_23"):
        assert "entre 2014 et 2019" in bases[basis_id].summary, basis_id
    assert "avec ou sans capital" not in capital.lower()
    assert bases["scic_art19_quinquies"].read_on == date(2014, 8, 2)


#: Labour-code bases read in the DILA's LEGI data (twenty-sixth review): article, version id.
_LEGI_LABOUR_CODE = {
    "ges_ct_l5132_15_2": "LEGIARTI000019869567",
    "ct_l1253_1": "LEGIARTI000028698745",
    "ct_l1253_2": "LEGIARTI000006901335",
    "ct_l1253_7": "LEGIARTI000006901341",
    "ct_l1253_8": "LEGIARTI000024422227",
    "ct_l1253_9": "LEGIARTI000024422217",
    "ct_l1253_17": "LEGIARTI000006901352",
    "ct_l1253_19": "LEGIARTI000033024678",
    "ct_l1253_20": "LEGIARTI000033745857",
    "ct_l1253_21": "LEGIARTI000006901356",
    "ct_l1253_24": "LEGIARTI000033013193",
    "ct_d1253_1": "LEGIARTI000018537302",
    "ct_l8241_1": "LEGIARTI000030442435",
    "ct_l8241_2": "LEGIARTI000036262964",
}


def test_the_twenty_sixth_review_reads_the_labour_code_in_the_legi_data() -> None:
    """Every labour-code basis links the article's own Légifrance page, is dated by the LEGI
    data it was read in (27 March 2026) with the start of the version in force, and says so;
    the two errors that reading found are gone (cooperatives and SISA are in L1253-3; no
    "abandoned" approval for groups across collective agreements)."""
    bases = load_catalog().legal_bases
    labour = {b for b, basis in bases.items() if basis.text == "Code du travail"}
    assert labour == set(_LEGI_LABOUR_CODE)
    for basis_id, version in _LEGI_LABOUR_CODE.items():
        basis = bases[basis_id]
        assert str(basis.url).endswith(f"/codes/article_lc/{version}"), basis_id
        assert basis.read_on == date(2026, 3, 27), basis_id
        assert basis.in_force_since is not None and basis.in_force_since <= basis.read_on
        assert version in basis.summary and "LEGI" in basis.summary, basis_id
    assert bases["ct_l1253_2"].article == "L1253-2 et L1253-3"
    assert "interprofessionnelles" in bases["ct_l1253_2"].summary
    assert "agrément était exigé" not in bases["ct_l1253_17"].summary
    assert "D1253-8" in bases["ct_l1253_17"].summary
    assert bases["ct_l1253_19"].in_force_since == date(2016, 8, 10)


def test_the_twenty_sixth_review_corrects_what_the_texts_say() -> None:
    """CGI 261 B restricts the VAT exemption in its own words since 2023; the 2024 decree adds
    nothing to CCP R2142-23 (its changes are in R2142-3 and R2142-26, with their conditions);
    the 2025 decree gives a GCSMS's convention two options, not duties; the employers' group
    may receive its members' employment aids (L1253-24), an advantage the catalog states."""
    catalog = load_catalog()
    bases = catalog.legal_bases
    vat = bases["cgi_261_b"]
    assert vat.read_on == date(2023, 1, 1) and "du 4 (sauf son 10°) ou du 7" in vat.summary
    tender = bases["ccp_r2142_23"].summary
    assert "ne modifie pas cet article" in tender
    assert "R2142-3" in tender and "R2142-26" in tender and "concurrence effective" in tender
    decree = bases["casf_decret_2025_1394"].summary
    assert "deux facultés, non des obligations" in decree and "qui verse alors" not in decree
    assert "14°" in decree
    aids = [a for a in catalog["groupement_employeurs"].advantages if "aides publiques" in a.text]
    assert [s.legal_basis for a in aids for s in a.sources] == ["ct_l1253_24"]
    scop = bases["scop_loi1978_art3bis"]
    assert "douteux" in scop.article and "F31328" in scop.summary
    assert "une fraction de 15 %" in bases["scop_loi1978_art33"].summary
    assert "52 ter" in bases["scop_loi1978_amorcage"].summary


def test_the_twenty_seventh_review_says_what_the_texts_say() -> None:
    """Read again on the texts (or the amending law) where copies exist: R312-194-11 values
    only contributions in kind at their real cost, and its « a contrario » is a reading;
    R312-194-4 facilitates evaluation actions and its list is open; the SCIC tax deduction was
    voted as a « 5 ter », so the catalog's paragraph number is marked doubtful; the 1947 law
    caps non-cooperator associates at 49 % of votes, 35 % for those that are not cooperatives;
    a subsidy may also come from a body running an industrial and commercial public service."""
    bases = load_catalog().legal_bases
    capital = bases["casf_r312_194_11"].summary
    assert "seules les contributions en nature sont évaluées, à leur coût réel" in capital
    assert "lecture a contrario, que l’article n’écrit pas" in capital
    gcsms = bases["casf_r312_194_4"].summary
    assert (
        "faciliter ou d'encourager" in gcsms
        and "notamment (la liste n'est pas limitative)" in gcsms
    )
    tax = bases["cgi_209"]
    assert "douteux" in tax.article and "« 5 ter »" in tax.summary
    votes = bases["scop_loi1978_art3bis"].summary
    assert "pas plus de 49 % des droits de vote" in votes and "pas plus de 35 %" in votes
    assert "porté à 49 %" not in votes
    subsidy = bases["dcra_2000_321_art9_1"].summary
    assert "service public industriel et commercial" in subsidy
    assert "projet d'investissement" in subsidy
    assert "49 bis" in bases["scop_loi1978_amorcage"].summary
    assert "31 octobre" in bases["casf_decret_2025_1394"].summary
    for basis_id in ("casf_r312_194_4", "casf_r312_194_11", "cgi_209", "dcra_2000_321_art9_1"):
        assert bases[basis_id].checked_on == date(2026, 12, 7), basis_id


def test_the_service_public_fiches_corrections_reach_the_answer() -> None:
    """What the official fiches showed wrong or missing is now said where an advisor reads it:
    an association's contributions can be taken back after a delay (F31839), its leaders can be
    paid up to three quarters of the SMIC (F1927), the SCOP has a tax note, and an employers'
    group's members inform their staff representatives and answer for working conditions."""
    big = _assess("association", capital="large")
    assert "après un délai ou à la dissolution" in _reason(big, "association.capital_large").because
    staff = _assess("association", employs_members=True)
    assert "trois quarts du Smic" in _reason(staff, "association.employs_members").because
    catalog = load_catalog()
    scop_tax = " ".join(t.text for t in catalog["scop"].tax_notes)
    assert "impôt sur les sociétés" in scop_tax and "CFE" in scop_tax
    ge = catalog["groupement_employeurs"]
    assert any("représentants de son personnel" in f for f in ge.setup.formalities)
    assert any("conditions de travail" in d.text for d in ge.drawbacks)


def test_freshness_points_are_in_the_catalog() -> None:
    catalog = load_catalog()
    gcsms = catalog["gcsms"].membership.notes or ""
    assert "2024-317" in gcsms and "GTSMS" in gcsms and "2025-1394" in gcsms
    ptce = " ".join(a.text for a in catalog["ptce"].advantages)
    assert "PTCE 2026" in ptce and "2021" in ptce and "2023" in ptce
    tax = " ".join(t.text for t in catalog["association"].tax_notes)
    assert "206, 1 bis" in tax and "2025" in tax
    l8241 = catalog.legal_basis("ct_l8241_1").summary
    assert "n’y figure pas" in l8241


# --- One place to review the law: gesform sources and docs/sources.md ---------------------------
def test_sources_index_lists_every_basis_with_the_rules_that_cite_it() -> None:
    from gesform import load_rules
    from gesform.legal_sources import legal_source_index

    catalog = load_catalog()
    index = {u.basis.id: u for u in legal_source_index(catalog, load_rules(catalog=catalog))}
    assert set(index) == set(catalog.legal_bases)
    gcsms = index["casf_l312_7"]
    assert "gcsms.no_social_medical_member" in gcsms.hard_rules
    assert "gcsms" in gcsms.cited_by_forms
    assert set(index["ct_l1253_1"].hard_rules) == {
        "groupement_employeurs.profit_sharing",
        "groupement_employeurs.sells_to_non_members",
    }


def test_sources_page_shows_dates_and_rules() -> None:
    from gesform import load_rules
    from gesform.legal_sources import sources_markdown

    catalog = load_catalog()
    page = sources_markdown(catalog, load_rules(catalog=catalog))
    row = next(line for line in page.splitlines() if line.startswith("| [3 bis]"))
    assert "2026-12-05" in row
    assert "| [L312-7](" in page and "gcsms.no_social_medical_member" in page
    assert "Lu dans la version du" in page


def test_gesform_sources_command_filters_old_readings() -> None:
    from click.testing import CliRunner

    from gesform.cli import cli

    result = CliRunner().invoke(cli, ["sources", "--older-than", "2016-01-01"])
    assert result.exit_code == 0, result.output
    assert "R312-194-12" in result.output and "art. 3 bis" not in result.output
    json_result = CliRunner().invoke(cli, ["sources", "--format", "json"])
    rows = __import__("json").loads(json_result.stdout)
    assert {r["id"] for r in rows} == set(load_catalog().legal_bases)
    assert all("read_on" in r and "cited_by_rules" in r for r in rows)


def test_housing_and_health_associations_may_manage_essms() -> None:
    # CASF L312-1 I 8° to 10° and 13°: shelters (CHRS), young workers' homes, CADA, addiction
    # services and therapeutic flats are ESSMS. Saying the group works in housing or health does
    # not say that no member manages one: the GCSMS stays open, with the question asked.
    for sectors in (["housing"], ["health", "housing"], ["health"]):
        a = _assess(
            "gcsms",
            members=[{"kind": "association"}, {"kind": "association"}],
            members_complete=True,
            sectors=sectors,
            objectives=["coordinate"],
        )
        assert a.verdict.value == "conditional", sectors
        assert "gcsms.no_social_medical_member" not in {r.rule_id for r in a.reasons}


_ASSOCIATION = {"kind": "association"}


@pytest.mark.parametrize(
    ("member_sectors", "group_sectors", "verdict"),
    [
        # Culture holds no ESSMS: a complete group of cultural associations cannot form one.
        ((None, None), ["culture"], "excluded"),
        # Members who say their own sector settle it whatever the group's sectors.
        (("culture", "culture"), ["housing", "culture"], "excluded"),
        # A member in housing leaves it open again.
        (("culture", "housing"), ["housing", "culture"], "conditional"),
    ],
)
def test_a_sector_without_essms_still_settles_the_gcsms(
    member_sectors: tuple[str | None, ...], group_sectors: list[str], verdict: str
) -> None:
    members = [
        {**_ASSOCIATION, **({"sector": sector} if sector else {})} for sector in member_sectors
    ]
    a = _assess(
        "gcsms",
        members=members,
        members_complete=True,
        sectors=group_sectors,
        objectives=["coordinate"],
    )
    assert a.verdict.value == verdict


# --- C. trav. L1253-19: local public persons at most half the members of a GE ---------------
@pytest.mark.parametrize(
    ("members", "extra", "excluded"),
    [
        ([{"kind": "local_authority", "count": 2}, {"kind": "association"}], {}, True),
        # A local authority's public establishment (a CCAS) counts; the State's do not.
        ([{"kind": "local_authority"}, {"kind": "local_public_body"}, {"kind": "sarl"}], {}, True),
        ([{"kind": "local_authority"}, {"kind": "public_body"}, {"kind": "sarl"}], {}, False),
        ([{"kind": "public_body", "count": 2}, {"kind": "association"}], {}, False),
        ([{"kind": "local_authority"}, {"kind": "association"}], {}, False),
        (
            [{"kind": "local_authority", "count": 6}, {"kind": "association"}],
            {"member_count": 10},
            True,
        ),
        ([{"kind": "local_authority"}, {"kind": "association"}], {"member_count": 10}, None),
        ([{"kind": "local_authority"}, {"kind": "association"}], {"members_complete": False}, None),
    ],
)
def test_local_public_persons_may_not_be_the_majority_of_an_employers_group(
    members: list, extra: dict, excluded: bool | None
) -> None:
    a = _assess("groupement_employeurs", members=members, objectives=["share_staff"], **extra)
    rule = "groupement_employeurs.public_majority"
    if excluded:
        assert a.verdict.value == "excluded"
        assert "L1253-19" in _reason(a, rule).source.label
    else:
        assert a.verdict.value != "excluded", a.explain()
        assert rule not in {r.rule_id for r in a.reasons}
    if excluded is None:
        asked = {m.id for m in a.missing if rule in m.rules}
        assert asked & {"member_count", "members_complete", "members"}, asked


# --- Loi 2014-856, art. 1: which members belong to the ESS (PTCE, loi 2014-856, art. 9) -------
@pytest.mark.parametrize(
    "kind", ["social_medical_establishment", "health_establishment", "research_or_training"]
)
def test_an_establishment_s_kind_does_not_say_it_is_outside_the_ess(kind: str) -> None:
    # An ESSMS, a health establishment, a research or training body may be run by an
    # association, a foundation or a mutual as well as by a public person or a company: a pole
    # of such members is not excluded for lacking ESS members; the answer asks the question
    # that settles it, and the answer settles it either way.
    members = [{"kind": kind, "count": 2}, {"kind": "sarl"}, {"kind": "local_authority"}]
    base = {"members_complete": True, "same_territory": True}
    base["objectives"] = ["territorial_development"]
    a = _assess("ptce", members=members, **base)
    assert a.verdict.value != "excluded", a.explain()
    assert "members.ess" in {m.id for m in a.missing if "ptce.ess_members" in m.rules}
    run_by_associations = [{**members[0], "ess": True}, *members[1:]]
    assert _assess("ptce", members=run_by_associations, **base).verdict.value != "excluded"
    public = [{**members[0], "ess": False}, *members[1:]]
    assert _assess("ptce", members=public, **base).verdict.value == "excluded"


def test_a_company_with_the_statutes_of_the_ess_is_an_ess_member() -> None:
    # A commercial company belongs to the ESS when its statutes meet art. 1, II (or it is ESUS
    # approved): a pole of such companies with a local authority is not excluded.
    base = {"members_complete": True, "same_territory": True}
    base["objectives"] = ["territorial_development"]
    companies = [{"kind": "sas", "count": 2, "ess": True}, {"kind": "local_authority"}]
    assert _assess("ptce", members=companies, **base).verdict.value != "excluded"
    plain = [{"kind": "sas", "count": 2}, {"kind": "local_authority"}]
    assert _assess("ptce", members=plain, **base).verdict.value == "excluded"


# --- C. trav. L1253-19: the State's establishments may join an employers' group, not the State ---
def test_the_state_itself_cannot_join_an_employers_group_its_establishments_can() -> None:
    """L1253-19 opens the employers' group to local authorities, their public establishments and
    the State's public establishments, beside private persons; an ordinary group (L1253-1)
    gathers persons under one collective agreement, which the State's services are not. A
    ministry or a prefecture excludes the form; a chamber of commerce (a public establishment of
    the State) does not, and does not count in the local authorities' cap either."""
    private = [{"kind": "association"}, {"kind": "sarl"}, {"kind": "association"}]
    staff = {"objectives": ["share_staff"], "own_staff": True, "members_complete": True}
    state = _assess("groupement_employeurs", members=[{"kind": "state"}, *private], **staff)
    assert state.verdict is Verdict.excluded
    reason = _reason(state, "groupement_employeurs.state_member")
    assert reason.source.legal_basis == "ct_l1253_19"
    chamber = _assess("groupement_employeurs", members=[{"kind": "public_body"}, *private], **staff)
    assert chamber.verdict is not Verdict.excluded
    assert "groupement_employeurs.state_member" not in {r.rule_id for r in chamber.reasons}
    facts = derive_facts(Profile.model_validate({"members": [{"kind": "state"}, *private]}))
    assert facts["public_bodies_members"] is True and facts["state_member"] is True
    assert facts["has_ess_member"] is True  # the associations; the State never counts as ESS
    with pytest.raises(ValidationError, match="ess"):
        Profile.model_validate({"members": [{"kind": "state", "ess": True}, *private]})
