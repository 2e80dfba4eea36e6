"""Shared page chrome (mega-menu, mobile nav, footer, scripts) as bytes, loaded once.

The chrome is copied from a real saved prnewswire.com page (see data/README.md), with
absolute www.prnewswire.com links made root-relative so nothing points off the loopback host.
"""

from __future__ import annotations

import html
import zlib
from functools import cache
from importlib import resources

from replica.model import SYNTHETIC_MARK


@cache
def _data(name: str) -> bytes:
    return resources.files("replica").joinpath(f"data/{name}").read_bytes()


def top() -> bytes:
    """Mobile nav, desktop mega-menu header and mobile header: everything before <main>."""
    return _data("chrome_top.html")


def bottom() -> bytes:
    """Footer and site scripts: everything after the hidden analytics inputs."""
    return _data("chrome_bottom.html")


TAIL = (
    """
<script src="/etc.clientlibs/prncom/clientlibs/component-clientlibs.min.js"></script>
<script src="/etc.clientlibs/prncom/components/global/menu/clientlibs.min.js"></script>
"""
    + SYNTHETIC_MARK
    + """
<script>(function(){function c(){var b=a.contentDocument||(a.contentWindow&&a.contentWindow.document);\
if(b){var d=b.createElement('script');d.innerHTML="window.__CF$cv$params={r:'0000000000000000',\
t:'MTc4NjM2MjU2NQ=='};var a=document.createElement('script');\
a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';\
document.getElementsByTagName('head')[0].appendChild(a);";\
b.getElementsByTagName('head')[0].appendChild(d)}}if(document.body){var a=document.createElement(\
'iframe');a.height=1;a.width=1;a.style.position='absolute';a.style.top=0;a.style.left=0;\
a.style.border='none';a.style.visibility='hidden';document.body.appendChild(a);c()}})();</script>\
</body>

</html>
"""
).encode()

BODY_OPEN = """
<body class="prncom prncom_news-releases prncom_news-releases_{template} \
prncom_news-releases_{template}_index inline-gallery-template news blue-theme">
<a href="https://www.cision.com/about/accessibility/" tabindex="0" \
class="skipNavLink screen-only">Accessibility Statement</a>
<a href="#main" tabindex="0" class="skipNavLink screen-only">Skip Navigation</a>
"""

COMMON_HEAD = """
        <meta charset="utf-8"/>
        <meta content="IE=edge,chrome=1" http-equiv="X-UA-Compatible"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>\
<link rel="icon" href="/content/dam/prnewswire/icons/2019-Q4-PRN-Icon-32-32.png" type="image/png"/>
        <meta name="adobeLaunchScript" \
content="//assets.adobedtm.com/launch-ENb957f6e7383d4549b191e1190ed5476e.min"/>
<script src="https://code.jquery.com/jquery-3.5.0.min.js"></script>
<link rel="stylesheet" href="/etc.clientlibs/prncom/clientlibs/newspage-clientlibs.min.css" \
type="text/css">
    <meta itemprop="inLanguage" content="en-US"/>
    <meta http-equiv="Content-Language" content="en-US"/>
    <meta name='Publisher' content="Cision PR Newswire"/>
    <meta name="referrer" content="unsafe-url"/>
    <meta name="twitter:card" content="summary_large_image"/>
    <meta name="twitter:site" content="@PRNewswire"/>
    <meta name="robots" content="index, follow"/>
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def number(key: str, digits: int = 6) -> int:
    """A stable pseudo-random number for analytics ids (account numbers and the like)."""
    modulus: int = 10**digits
    return zlib.crc32(key.encode()) % modulus
