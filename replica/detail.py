"""Detail pages in the 2025/26 template (see reference/prnewswire-structure.md §2a)."""

from __future__ import annotations

import json
import random
from urllib.parse import quote

from replica import chrome
from replica.chrome import esc
from replica.model import INDUSTRIES, SUBJECTS, SYNTHETIC_MARK, Release

_EMAIL = "[email protected]"
_EMAIL_HTML = (
    '<a href="/cdn-cgi/l/email-protection" class="__cf_email__" '
    'data-cfemail="5a3c2f343e3a1a22363629372b2c742e3135">[email&#160;protected]</a>'
)
_TICKER = '<a class="ticket-symbol" data-toggle="modal" href="#financial-modal">{}</a>'


def company_path(release: Release) -> str:
    return f"/news/{quote(release.company.slug, safe='.-')}/"


def _description(release: Release) -> str:
    text = release.subtitles[0] if release.subtitles else release.lead
    return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."


def _lead_html(release: Release) -> str:
    text = esc(release.lead)
    company = release.company
    if company.ticker:
        plain = esc(f"({company.exchange}: {company.ticker})")
        linked = f"({company.exchange}:&nbsp;{_TICKER.format(company.ticker)})"
        if plain in text:
            text = text.replace(plain, linked, 1)
        elif esc(company.name) in text:
            name = esc(company.name)
            text = text.replace(name, f"{name} {linked}", 1)
    return text.replace(_EMAIL, _EMAIL_HTML)


def _paragraph(text: str) -> str:
    if text.startswith("## "):
        return f"<p><b>{esc(text[3:])}</b></p>"
    return f"<p>{esc(text).replace(_EMAIL, _EMAIL_HTML)}</p>"


def _table(rng: random.Random, index: int) -> str:
    """A financial table in the real markup (div.table-responsive > table.prnbcc)."""
    cell = (
        '<td class="prngen{c}" colspan="1" rowspan="1" nowrap height="" width="">'
        '<p class="prnml4 dnr"><span class="prnews_span">{v}</span></p></td>'
    )
    labels = (
        "Net sales",
        "Cost of goods sold",
        "Gross profit",
        "Selling, general and administrative",
        "Operating earnings",
        "Other income (expense), net",
        "Interest expense, net",
        "Earnings before income taxes",
        "Income tax provision",
        "Net earnings",
    )
    rows = []
    for r in range(55):
        label = (
            f"{labels[r % len(labels)]}{' (segment ' + str(r // 10 + 1) + ')' if r >= 10 else ''}"
        )
        cells = [
            (
                f'<td class="prngen5" colspan="1" rowspan="1"><p class="prnews_p">'
                f'<span class="prnews_span">{esc(label)}</span></p></td>'
            )
        ]
        for col in range(8):
            if col % 2:
                value = f"{rng.randint(-99, 199) / 10:.1f}&nbsp;%"
            else:
                value = f"${rng.randint(100, 19999):,}"
            cells.append(cell.format(c=7 + col % 3 * 6, v=value))
        rows.append(f"     <tr>\n      {''.join(cells)}\n     </tr>")
    return (
        f'<div><div class="divOverflow"><div class="table-responsive">'
        f'<table class="prnbcc" id="table{index}"><tbody>\n' + "\n".join(rows) + "\n"
        "    </tbody>\n   </table>\n  </div>\n </div>\n</div>\n"
    )


def _head(release: Release, base_url: str) -> str:
    url = f"{base_url}{release.path}"
    title = esc(release.title)
    description = esc(_description(release))
    iso = release.eastern.isoformat(timespec="seconds")
    tags = [release.company.name]
    tags += [INDUSTRIES[c][0] for c in release.company.industries]
    tags += [SUBJECTS[c][0] for c in release.subjects]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@id": url},
        "headline": esc(release.title),
        "image": [""],
        "datePublished": iso,
        "dateModified": iso,
        "description": _description(release),
        "publisher": {"@type": "Organization", "name": "Cision PR Newswire"},
    }
    ld_json = json.dumps(ld, indent=4).replace("</", "<\\/")
    return f"""<!doctype html>
{SYNTHETIC_MARK}
<html lang="en">
<head>{chrome.COMMON_HEAD}
    <meta itemprop="description" content="{description}"/>
    <meta name="description" content="{description}"/>
    <title>{title}</title>
    <meta name="author" content="{esc(release.company.name)}"/>
    <meta name="cf_entity_title" value="{title}" content=""/>
    <meta name='geo.placename' content="{esc(release.dateline_city)}, {release.dateline_date}"/>
    <meta name='geo.region' content="{esc(release.company.region)}"/>
    <meta name='date' content="{iso}"/>
    <meta itemprop="keywords" content="{esc(",".join(tags))}"/>
    <meta name="keywords" content="{esc(",".join(tags))}"/>
    <meta name="twitter:title" content="{title}"/>
    <meta name="twitter:description" content="{description}"/>
    <meta property="og:title" content="{title}"/>
    <meta property="og:type" content="article"/>
    <meta property="og:description" content="{description}"/>
    <meta property="og:url" content="{esc(url)}"/>
    <link rel="canonical" href="{esc(url)}"/>
    <meta id="sharingTitle" content="{title}"/>
    <meta id="sharingDesc" content="{esc(",".join(release.subtitles) or release.title)}"/>
    <script type="application/ld+json">
        {ld_json}
    </script>
<style>
span.prnews_span {{ font-size:8pt; font-family:"Arial"; color:black; }}
a.prnews_a {{ color:blue; }}
p.prnews_p {{ font-size:0.62em; font-family:"Arial"; color:black; margin:0in; }}
</style>
</head>
{chrome.BODY_OPEN.format(template="news-template-b")}
"""


def _header(release: Release) -> str:
    subtitles = "".join(f'\n\t\t\t\t\t<p class="subtitle">{esc(s)}</p>' for s in release.subtitles)
    return f"""    <header class="container release-header">
      <div class="custom-container">
        <div class="row">
          <div class="col-sm-12">
		<div class="row detail-headline">
			<div class="customHeadline col-sm-12 col-xs-12 ">
					<h1>{esc(release.title)}</h1>{subtitles}
			</div>
		</div>
          </div>
        </div>
      <div class="row"><div class="col-sm-12"><hr/></div></div>
		<input type="hidden" id="isWhatsApp" value="enabled"/>
		<div class="row">
			<div class="col-lg-8 col-md-8 col-sm-7 swaping-class-left">
				<h2 class="meta">News provided by</h2>
								<a href="{company_path(release)}">
						<strong>{esc(release.company.name)}
									<span aria-hidden="true" class="btb bt-long-arrow-right"></span>
						</strong>
						</a>
				<p class="mb-no">{release.printed_time}</p>
			</div>
				<div class="col-lg-4 col-md-4 col-sm-5 swaping-class-right">
					<div class="social-share-circle pull-right hidden-xs">
						<h2 class="meta text-uppercase mb-s">Share this article</h2>
					</div>
				</div>
		</div>
      <div class="row"><div class="col-sm-12 col-xs-12"><hr/></div></div>
      </div>
    </header>
"""


_ADVERT = """      <div class="row">
        <div class="col-lg-10 col-lg-offset-1">
<a href="https://www.prnewswire.com/amplify-platform/?site_refer=press-release-widget" \
aria-label="Request a Demo" class="fullClick">
<div class="prnNewsLetterWidgetSection bg-deepBlueColor" style="background-color: ">
    <div class="prnNewsletterWidget-container">
            <div class="valueText">
                    <h2>21<span>%</span></h2>
                   <div class="description text-content"> more press release views with \
<img src="/content/dam/amplify-logo.png"/></div>
            </div>
            <span class="btn btn-primary customBtn btnColor-orange arrowIcon">Request a Demo</span>
    </div>
</div>
</a>
        </div>
      </div>
"""


_MODAL = """<div class="modal fade" id="financial-modal" tabindex="-1" role="dialog" \
aria-labelledby="financial-modalLabel" aria-modal="true">
    <div class="modal-dialog" role="document">
      <div class="modal-content" id="stock-modal-content">
        <div class="modal-header">
          <h3 class="modal-title" id="financial-modalLabel">Modal title</h3>
        </div>
     </div>
   </div>
</div>
"""


def _body(release: Release, seed: int) -> str:
    # table figures only, not security: a seeded PRNG is what we want
    rng = random.Random(f"{seed}:{release.release_id}")  # noqa: S311
    narrative = list(release.paragraphs)
    about = next((i for i, p in enumerate(narrative) if p.startswith("## About ")), len(narrative))
    tables = "".join(_table(rng, i) for i in range(release.tables))
    parts = [_paragraph(p) for p in narrative[:about]] + [tables]
    parts += [_paragraph(p) for p in narrative[about:]]
    stamp = release.eastern.strftime("%Y%m%d%H%M")
    item = _news_item(release)
    return f"""    <section class="release-body container ">
      <div class="row">
        <div class="col-lg-10 col-lg-offset-1">
<p><span class="legendSpanClass">{esc(release.dateline_city)}</span>, \
<span class="legendSpanClass">{release.dateline_date}</span> /PRNewswire/ --&nbsp;\
{_lead_html(release)}</p>
{chr(10).join(parts)}
<p>SOURCE {esc(release.company.name)}</p>
<img alt="" src="https://rt.prnewswire.com/rt.gif?NewsItemId={item}&amp;\
Transmission_Id={stamp}PR_NEWS_USPR_____{item}&amp;DateId={stamp[:8]}" \
style="border:0px; width:1px; height:1px;">
        </div>
      </div>
{_ADVERT}    </section>
"""


def _news_item(release: Release) -> str:
    letters = "".join(ch for ch in release.company.city.upper() if ch.isalpha())[:2]
    return f"{letters}{int(release.release_id) % 100000:05d}"


def _read_more(release: Release, also: list[Release]) -> str:
    items = "".join(
        f"""
				<div class="row" role="group" aria-label="Also From this Source">
					<div class="col-sm-12">
						<div class="contentSec">
								<a class="d-inline omniture-news-release-readMore-clicks" \
href="{esc(other.path.removeprefix("/news-releases/"))}" \
data-omniture='{{"page":"Also from this source","val":"{n}"}}' title="">
									<h3 class="heading3">{esc(other.title)} </h3>
									<p>{esc(other.teaser)}</p>
								</a>
						</div>
					</div>
				</div>"""
        for n, other in enumerate(also, 1)
    )
    explore = "".join(
        f"""
                <div class="col-sm-6 col-xs-6 py-7" role="group" aria-label="category">
                    <a href="/news-releases/{key}/">
                        <div class="imgSec">
                            <img src="/content/dam/prnewswire/subject-and-industry-code-images/\
{code}.jpg" alt="{esc(name)}" title=""/>
                        </div>
                    </a>
                        <p class="img-title"><a href="/news-releases/{key}/">{esc(name)}</a></p>
                </div>"""
        for code, (name, key) in _explore(release)
    )
    return f"""    <section class="container read-more-explore" id="js-mkt-promo-hook-legacy">
      <div class="row">
        <div class="col-lg-10 col-lg-offset-1">
          <div class="row releaseList-section">
        <div class="col-sm-8 source-section">
	<h2 class="heading2">Also from this source</h2>{items}
		<div class="row">
			<div class="col-sm-12">
				<a href="{company_path(release)}" class="prweb-textlink">
					More Releases From This Source
				</a>
				<div class="border-line"></div>
			</div>
		</div>
        </div>
        <div class="col-sm-4 explore-section">
        <h2 class="heading2">Explore</h2>
        <div class="row">{explore}
        </div>
    <a href="/news-releases/" class="prweb-textlink no-border">News Releases in Similar Topics</a>
    <div class="border-line"></div>
        </div>
      </div>
        </div>
      </div>
    </section>
"""


def _explore(release: Release) -> list[tuple[str, tuple[str, str]]]:
    codes = [(c, INDUSTRIES[c]) for c in release.company.industries]
    return (codes + [(c, SUBJECTS[c]) for c in release.subjects])[:4]


def _inputs(release: Release, base_url: str) -> str:
    stamp = release.eastern.strftime("%Y%m%d%H%M")
    item = _news_item(release)
    story = int(release.release_id) - 297_800_226
    name = esc(release.company.name)
    return f"""
        	<input type="hidden" id="pageName" value="www.prnewswire.com_{esc(release.title)}"/>
				<input type="hidden" id="channel" value="PRN News Releases"/>
				<input type="hidden" id="prop6" value="PRN_News Releases"/>
			<input type="hidden" id="evar77" value="www.prnewswire.com"/>
		<input type="hidden" id="events" value="event10"/>
		<input type="hidden" id="prop9" value="en-US"/>
		<input type="hidden" id="prop35" value="{",".join(release.company.industries)}"/>
		<input type="hidden" id="prop37" value="{",".join(release.subjects)}"/>
		<input type="hidden" id="prop47" value="Inline"/>
			<input type="hidden" id="prop74" value="{esc(base_url + release.path)}"/>
		<input type="hidden" id="prop26" value="{release.printed_time}"/>
		<input type="hidden" id="evar19" value="{stamp}PR_NEWS_USPR_____{item}"/>
		<input type="hidden" id="evar17" value="{story}"/>
		<input type="hidden" id="evar18" value="{item}"/>
		<input type="hidden" id="isNewsDetails" value="true"/>
        <input type="hidden" id="companies" value="{name}"/>
        <input type="hidden" id="accountNumber" value="{chrome.number(release.company.slug)}"/>
        <input type="hidden" id="transmissionId" value="{stamp}PR_NEWS_USPR_____{item}"/>
        <input type="hidden" id="storyId" value="{story}"/>
		<input type="hidden" id="evar78" value="{release.eastern.date().isoformat()}"/>
"""


def render(release: Release, also: list[Release], base_url: str, seed: int = 0) -> list[bytes]:
    """The page as byte chunks; the big chrome chunks are shared between pages."""
    main = (
        '  <main role="main" id="main">\n'
        '<script src="/etc.clientlibs/prncom/clientlibs/share_clientlibs.min.js"></script>\n'
        '    <article class="news-release inline-gallery-template">\n'
        + _header(release)
        + _body(release, seed)
        + _MODAL
        + "  </article>\n"
        + _read_more(release, also)
        + '  <input type="hidden" value="vvro5y6e50o" id="publicKey"/>\n  </main>\n'
        + _inputs(release, base_url)
    )
    return [
        _head(release, base_url).encode(),
        chrome.top(),
        main.encode(),
        chrome.bottom(),
        chrome.TAIL,
    ]
