"""The registry of rule functions: one module each, self-documenting (see base.py for the contract)."""

from __future__ import annotations

from types import ModuleType

from . import (area_containment, assigned_gap, binding_strictness, children_sum, deferred_coverage,
               definitional_order, derived_base, direction_slack, duplicate_statement, exclusive_roles,
               growth_path, inner_area, interval_conflict, listed_parts, neighbour_plan_missing,
               own_master_missing, parts_sum, per_capita, project_reciprocity, project_stage, quote_op,
               ref_upper_missing, restatement_drift, role_given_to_other, share_implied, share_sum,
               soft_vertical, structure_ratio, upper_plan_missing, year_outside_period)

_MODULES: tuple[ModuleType, ...] = (
    # internal: a plan against itself
    growth_path, derived_base, parts_sum, listed_parts, per_capita, definitional_order, inner_area,
    restatement_drift, direction_slack, structure_ratio, duplicate_statement, year_outside_period, project_stage,
    # vertical, horizontal
    interval_conflict, binding_strictness, assigned_gap, soft_vertical, area_containment, ref_upper_missing,
    children_sum, share_implied, share_sum, exclusive_roles, role_given_to_other, project_reciprocity,
    # coverage and encoding
    upper_plan_missing, own_master_missing, neighbour_plan_missing, deferred_coverage, quote_op,
)

REGISTRY: dict[str, ModuleType] = {module.ID: module for module in _MODULES}
