"""The domain model: plans, their targets, roles and projects, as frozen dataclasses.

Built once from validated data (see corpus.py) and never mutated, so the graph, the rules and the
renderers can share it freely. Every object keeps the file and line it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Optional


def _pickled_by_fields(cls):
    """Pickle as (class, field values). The cache loads some 700,000 of these objects for a national
    corpus; rebuilding through __init__ takes half the time of the field-by-field __setstate__ that
    frozen slotted dataclasses get by default."""
    names = tuple(f.name for f in fields(cls) if f.init)

    def __reduce__(self):
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = __reduce__
    return cls


def layout() -> str:
    """The model's shape (classes and their fields), part of every cache key: a cache written by code
    whose model differs is never read."""
    return ";".join(f"{cls.__name__}:{','.join(f.name for f in fields(cls))}"
                    for cls in (Location, Source, Quantity, Target, Role, Project, Period, Plan))


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in a plan YAML file."""

    file: str
    line: int
    column: int = 1


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """Where a value stands in the plan's source document."""

    document: str
    line: int
    quote: str
    table: Optional[str] = None
    row: Optional[str] = None
    page: Optional[int] = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a plan states it: a value with a qualifier, a range, or a reference upward.

    `op` is one of = ~ >= <= > <; a range has `low`/`high` instead of `value`; `ref_upper` stands for
    "控制在上级下达目标以内", whose number lives elsewhere: `ref_levels` says whose (national, province,
    municipal, upper) and `ref_kind` in what (master: a development plan's quota; land_use: a land-use
    plan; statistic: a benchmark such as 全省平均), see checker/deferral.py.
    """

    year: Optional[int] = None
    value: Optional[float] = None
    op: str = "="
    low: Optional[float] = None
    high: Optional[float] = None
    ref_upper: bool = False
    growth: Optional["Quantity"] = None  # a vision stated as a growth rate (年增速 8%)
    source: Optional[Source] = None  # set when this number stands on its own line
    ref_levels: tuple[str, ...] = ()  # with ref_upper: national | province | municipal | upper
    ref_kind: Optional[str] = None  # with ref_upper: master | land_use | statistic

    @property
    def is_range(self) -> bool:
        return self.low is not None

    @property
    def has_number(self) -> bool:
        return self.value is not None or self.low is not None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Target:
    plan: str
    id: str
    indicator: str
    scope: str  # the region the number is for
    location: Location
    source: Source
    label: Optional[str] = None
    unit: Optional[str] = None
    attribute: Optional[str] = None  # expected | binding
    base: Optional[Quantity] = None
    target: Optional[Quantity] = None
    growth: Optional[Quantity] = None
    vision: Optional[Quantity] = None
    share_of: Optional[str] = None
    cumulative: bool = False
    note: Optional[str] = None
    caliber: Optional[str] = None  # 统计口径 as the text states it (含北部五乡镇, 城镇, 登记 ...)
    part_of: Optional[str] = None  # id of a target in the same plan whose total the text splits into parts
    parts_complete: bool = False  # the parts linked to this total are all of them (分别为), not some (其中)

    key: str = field(init=False, repr=False, compare=False)  # "plan/id", unique in a corpus

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.plan}/{self.id}")


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Role:
    plan: str
    id: str
    text: str
    scope: str
    location: Location
    source: Source
    exclusive: bool = False
    note: Optional[str] = None
    takes_up: tuple[str, ...] = ()  # "plan/project" keys of other plans' projects this role answers

    key: str = field(init=False, repr=False, compare=False)  # "plan/id", unique in a corpus

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.plan}/{self.id}")


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Project:
    plan: str
    id: str
    name: str
    regions: tuple[str, ...]
    location: Location
    source: Source
    kind: Optional[str] = None
    note: Optional[str] = None
    stage: Optional[str] = None  # prepare | start | build | complete | operate, as the text states it

    key: str = field(init=False, repr=False, compare=False)  # "plan/id", unique in a corpus

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.plan}/{self.id}")


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Period:
    base_year: int
    end: int
    vision: Optional[int] = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    title: str
    region: str
    level: str
    kind: str
    period: Period
    document: str
    location: Location
    issuer: Optional[str] = None
    published: Optional[int] = None
    note: Optional[str] = None
    targets: tuple[Target, ...] = field(default_factory=tuple)
    roles: tuple[Role, ...] = field(default_factory=tuple)
    projects: tuple[Project, ...] = field(default_factory=tuple)
    title_en: Optional[str] = None  # only where the source document gives an English title

    @property
    def file(self) -> str:
        return self.location.file


_PUNCTUATION = str.maketrans("", "", " \t\u3000“”\"'‘’「」《》()（）,，、.。:：;；-—·")


def normalize_text(text: str) -> str:
    """Role text compared without blanks and punctuation: "黔中城市群 核心区" == "黔中城市群核心区"."""
    return text.translate(_PUNCTUATION)
