"""Which earlier original a release could be a re-issue of.

An original is a release that is not itself a re-issue. A release is a re-issue of the earliest
original that has its exact news-text fingerprint (any company, any date) or, failing that, of
the earliest original of the same company published within `WINDOW` of it whose news text it
shares by at least `OVERLAP_THRESHOLD` (Jaccard of 5-word shingles).

`Originals` answers that for one crawl, from the stored originals and this run's own (which may
not be stored yet: writes are batched). A backfill loads the stored originals of its date window
once (one query instead of one per release: the query cost ~1 ms a release); an incremental crawl
asks per release, as it fetches only a few. Shingles are computed once per release and run.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from crawler.fingerprint import OVERLAP_THRESHOLD, is_reissue, shingles
from crawler.items import PressRelease
from storage import releases
from storage.releases import ReleaseKey

WINDOW = timedelta(days=45)
SHINGLE_CACHE = 4096
_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(slots=True, frozen=True)
class Original:
    key: ReleaseKey  # (source, release_id)
    published_at: datetime | None
    order: int  # storage order: the earlier of two originals published at the same time


def company_key(slug: str | None, name: str | None) -> str | None:
    """Whose originals a release is compared with: its company's newsroom slug when the page
    names one, else its company name (which finds originals with and without a slug)."""
    if slug:
        return f"slug:{slug}"
    return f"name:{name}" if name else None


def _index_keys(slug: str | None, name: str | None) -> list[str]:
    """Every key an original is found under (see `company_key`)."""
    return [key for key in (slug and f"slug:{slug}", name and f"name:{name}") if key]


class Originals:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        span: tuple[datetime, datetime] | None = None,
    ) -> None:
        """`span`: the publication dates this run covers (a backfill's window), to preload."""
        self.session_factory = session_factory
        self.span = span
        self._by_fingerprint: dict[str, ReleaseKey] = {}  # preloaded (backfill) + this run's
        self._by_company: dict[str, list[Original]] = {}  # preloaded stored + this run's
        self._run_order = 1 << 62  # this run's originals come after every stored one
        self._shingles: OrderedDict[ReleaseKey, frozenset[int]] = OrderedDict()
        self._loaded = False

    def original_of(self, item: PressRelease) -> ReleaseKey | None:
        """The release `item` re-issues (on any wire), or None; an original is remembered for
        the run."""
        assert item.fingerprint is not None
        mine = key_of(item)
        key = company_key(item.company_slug, item.company)
        if self.span is not None:
            self._preload()
            original = self._exact(item) or self._first_close(item, self._near(key, item))
        else:
            with self.session_factory() as session:
                original = self._exact(item) or releases.original_with_fingerprint(
                    session, item.fingerprint
                )
                if original is None or original == mine:
                    self._load_company(session, key, item.published_at)
                    original = self._first_close(item, self._near(key, item), session)
        if original is None:
            self._remember(item)
        else:
            self._by_fingerprint[item.fingerprint] = original
        return original

    # candidates ---------------------------------------------------------------------------

    def _preload(self) -> None:
        """A backfill's index: every original's fingerprint, the window's originals by company."""
        if self._loaded or self.span is None:
            return
        self._loaded = True
        start, end = self.span
        with self.session_factory() as session:
            for fingerprint, found in releases.original_fingerprints(session):
                self._by_fingerprint.setdefault(fingerprint, found)
            rows = releases.originals_published_between(
                session, _shift(start, -WINDOW), _shift(end, WINDOW)
            )
        for found, slug, name, published_at, pk in rows:
            self._add(_index_keys(slug, name), Original(found, published_at, pk))

    def _load_company(self, session: Session, key: str | None, when: datetime | None) -> None:
        """An incremental crawl's stored candidates: the company's originals near `when`."""
        if key is None:
            return
        kind, _, company = key.partition(":")
        rows = releases.originals_of_company_near(
            session, company, by_slug=kind == "slug", around=when, window=WINDOW
        )
        known = {o.key for o in self._by_company.get(key, [])}
        for row in rows:
            if row[0] not in known:
                self._add([key], Original(*row))

    def _exact(self, item: PressRelease) -> ReleaseKey | None:
        assert item.fingerprint is not None
        original = self._by_fingerprint.get(item.fingerprint)
        return None if original == key_of(item) else original

    def _near(self, key: str | None, item: PressRelease) -> list[Original]:
        """Originals of the company published within WINDOW of `item`, earliest first."""
        originals = self._by_company.get(key, []) if key is not None else []
        when = item.published_at
        if when is None:
            near = originals  # an undated release cannot be placed: compare it with all
        else:
            low = bisect_left(originals, _shift(when, -WINDOW), key=_published)
            high = bisect_right(originals, _shift(when, WINDOW), key=_published)
            undated = bisect_left(originals, _NEVER, key=_published)
            near = originals[low:high] + originals[undated:]
        return [o for o in near if o.key != key_of(item)]

    def _first_close(
        self, item: PressRelease, near: list[Original], session: Session | None = None
    ) -> ReleaseKey | None:
        if not near:
            return None
        mine = self._shingles_of(key_of(item), item.body, item.shingles)
        missing = [o.key for o in near if o.key not in self._shingles]
        bodies: dict[ReleaseKey, str] = {}
        if missing:
            if session is None:
                with self.session_factory() as own:
                    bodies = releases.bodies_of(own, missing)
            else:
                bodies = releases.bodies_of(session, missing)
        for original in near:
            theirs = self._shingles.get(original.key)
            if theirs is None:
                theirs = self._shingles_of(original.key, bodies.get(original.key, ""))
            if _close(mine, theirs):
                return original.key
        return None

    def _remember(self, item: PressRelease) -> None:
        assert item.fingerprint is not None
        self._by_fingerprint.setdefault(item.fingerprint, key_of(item))
        # Its shingles now: it may not be stored yet when a later release is compared with it.
        self._shingles_of(key_of(item), item.body, item.shingles)
        self._run_order += 1
        original = Original(key_of(item), item.published_at, self._run_order)
        self._add(_index_keys(item.company_slug, item.company), original)

    def _add(self, keys: list[str], original: Original) -> None:
        for key in keys:
            insort(self._by_company.setdefault(key, []), original, key=_sort_key)

    def _shingles_of(
        self, key: ReleaseKey, body: str, known: frozenset[int] | None = None
    ) -> frozenset[int]:
        value = self._shingles.get(key)
        if value is None:
            value = known if known is not None else shingles(body, key[0])
            self._shingles[key] = value
            if len(self._shingles) > SHINGLE_CACHE:
                self._shingles.popitem(last=False)
        return value


def key_of(item: PressRelease) -> ReleaseKey:
    return (item.source, item.release_id)


def _shift(when: datetime, by: timedelta) -> datetime:
    """`when + by`, held at the ends of the calendar (`backfill --since 0001-01-01`)."""
    try:
        return when + by
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if by < timedelta(0) else _NEVER


def _published(original: Original) -> datetime:
    return original.published_at or _NEVER


def _sort_key(original: Original) -> tuple[datetime, int]:
    return (original.published_at or _NEVER, original.order)


def _close(mine: frozenset[int], theirs: frozenset[int]) -> bool:
    # Jaccard >= t needs the smaller set to be >= t of the larger one: a cheap filter first.
    small, large = sorted((len(mine), len(theirs)))
    if large and small / large < OVERLAP_THRESHOLD:
        return False
    return is_reissue(mine, theirs)
