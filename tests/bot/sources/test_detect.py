import pytest

from bot.sources.detect import ApiRequest, api_request, board_token, detect_kind, next_page

CASES = [
    # url, kind, board, api url
    ("https://boards.greenhouse.io/adyen", "greenhouse", "adyen",
     "https://boards-api.greenhouse.io/v1/boards/adyen/jobs?content=true"),
    ("https://job-boards.greenhouse.io/adyen/jobs/7095302?gh_src=x", "greenhouse", "adyen",
     "https://boards-api.greenhouse.io/v1/boards/adyen/jobs?content=true"),
    ("https://boards.greenhouse.io/embed/job_board?for=babbel", "greenhouse", "babbel",
     "https://boards-api.greenhouse.io/v1/boards/babbel/jobs?content=true"),
    ("https://boards-api.greenhouse.io/v1/boards/babbel/jobs", "greenhouse", "babbel",
     "https://boards-api.greenhouse.io/v1/boards/babbel/jobs?content=true"),
    ("https://jobs.lever.co/acme", "lever", "acme", "https://api.lever.co/v0/postings/acme?mode=json"),
    ("https://jobs.eu.lever.co/kiezkraft/5d7e", "lever", "kiezkraft",
     "https://api.eu.lever.co/v0/postings/kiezkraft?mode=json"),
    ("https://api.eu.lever.co/v0/postings/kiezkraft", "lever", "kiezkraft",
     "https://api.eu.lever.co/v0/postings/kiezkraft?mode=json"),
    ("https://jobs.ashbyhq.com/voodoo", "ashby", "voodoo",
     "https://api.ashbyhq.com/posting-api/job-board/voodoo?includeCompensation=true"),
    ("https://careers.smartrecruiters.com/Maisonvert", "smartrecruiters", "Maisonvert",
     "https://api.smartrecruiters.com/v1/companies/Maisonvert/postings?limit=100"),
    ("https://apply.workable.com/fjordlight/", "workable", "fjordlight",
     "https://apply.workable.com/api/v1/widget/accounts/fjordlight?details=true"),
    ("https://pralinerie.recruitee.com/o/chocolatier", "recruitee", "pralinerie",
     "https://pralinerie.recruitee.com/api/offers/"),
    ("https://bergwerk.jobs.personio.de/?language=de", "personio", "bergwerk",
     "https://bergwerk.jobs.personio.de/xml?language=de"),
    ("https://bergwerk.jobs.personio.com/job/12", "personio", "bergwerk", "https://bergwerk.jobs.personio.com/xml"),
    ("https://remoteok.com/remote-dev-jobs", "remoteok", "remoteok", "https://remoteok.com/api"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "kind", "board", "api"), CASES)
def test_known_hosts(url, kind, board, api):
    assert detect_kind(url) == kind
    assert board_token(url) == board
    assert api_request(url) == ApiRequest(api)


def test_workday_is_a_paged_post():
    url = "https://railco.wd3.myworkdayjobs.com/en-US/Careers/job/Madrid/X_JR-1"
    assert (detect_kind(url), board_token(url)) == ("workday", "railco/Careers")
    request = api_request(url)
    assert request.method == "POST"
    assert request.url == "https://railco.wd3.myworkdayjobs.com/wday/cxs/railco/Careers/jobs"
    assert request.json_body == {"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": ""}
    second = next_page(request, "workday", fetched=20, total=45)
    assert second is not None and second.json_body["offset"] == 20
    assert next_page(request, "workday", fetched=45, total=45) is None


def test_tiktok_search_post_carries_headers_and_filters():
    request = api_request("https://lifeattiktok.com/search?keyword=intern&location_code_list=CT_300,CT_247")
    assert detect_kind("https://lifeattiktok.com/search") == "tiktok"
    assert request.method == "POST"
    assert request.url == "https://api.lifeattiktok.com/api/v1/public/supplier/search/job/posts"
    assert dict(request.headers) == {"website-path": "tiktok", "origin": "https://lifeattiktok.com"}
    assert request.json_body["keyword"] == "intern"
    assert request.json_body["location_code_list"] == ["CT_300", "CT_247"]
    assert request.json_body["recruitment_id_list"] == []
    assert next_page(request, "tiktok", 100, 250).json_body["offset"] == 100


def test_smartrecruiters_pages_by_offset():
    request = api_request("https://careers.smartrecruiters.com/Maisonvert")
    page = next_page(request, "smartrecruiters", 100, 150)
    assert page.url == "https://api.smartrecruiters.com/v1/companies/Maisonvert/postings?limit=100&offset=100"


@pytest.mark.parametrize(
    "url",
    ["https://example.com/jobs.rss", "https://greenhouse.io.evil.example/acme", "not a url", "",
     "https://evilrecruitee.com/x", "https://myworkdayjobs.com/x"],
)  # fmt: skip
def test_unknown_hosts_are_fetched_as_they_are(url):
    assert detect_kind(url) is None
    assert api_request(url) == ApiRequest(url.strip())


def test_board_of_prefers_the_given_token_then_the_url_then_the_source_id():
    from bot.sources.base import SourceContext
    from bot.sources.detect import board_of

    assert (
        board_of(
            SourceContext("greenhouse:x", url="https://boards.greenhouse.io/acme", board="given"),
            "greenhouse",
        )
        == "given"
    )
    assert (
        board_of(SourceContext("greenhouse:x", url="https://boards.greenhouse.io/acme"), "greenhouse")
        == "acme"
    )
    assert board_of(SourceContext("greenhouse:mirror"), "greenhouse") == "mirror"
    assert board_of(SourceContext("custom-id"), "greenhouse") == "custom-id"
