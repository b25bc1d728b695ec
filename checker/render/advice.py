"""What a drafter could change, per rule function, in both languages.

A finding says what is wrong; a drafter also wants to know which edits would make it go away. The
options here are the ones the rule itself would accept (change either number, or state why they differ),
so the advice never promises more than the check verifies. Placeholders are filled from the finding's
evidence and targets by html_view; a missing value shows as "—".
"""

from __future__ import annotations

ADVICE: dict[str, dict[str, str]] = {
    "growth_path": {
        "zh": "基期值、年均增速和目标值三者不能同时成立，至少改一项：把年均增速改为约{needed}%；或把{year}年目标改到按现有增速推算的{reached}之内；或核对基期值。"
              "若增速按可比价、目标按现价计算，请在表注中写明口径，以免误读。",
        "en": "Base, growth rate and target cannot all hold; change one: set the growth to about {needed}% a year; or move the "
              "{year} target into {reached}, which the stated growth reaches; or check the base value. If growth is at "
              "constant prices and the target at current prices, say so in a table note.",
    },
    "parts_sum": {
        "zh": "调整其中一个分项或总量，使各分项之和等于总量；若口径不同（如统计范围、价格口径），请在表注中说明。",
        "en": "Change one part or the total so that the parts add up to it; if they are measured differently (scope, prices), "
              "say so in a table note.",
    },
    "structure_ratio": {
        "zh": "把比例改为由分子、分母算出的{computed}，或修改对应的数值，使三者一致。",
        "en": "Set the ratio to {computed}, which its numerator and denominator give, or change those values so that all three agree.",
    },
    "duplicate_statement": {
        "zh": "同一指标只保留一个数值：改正其中一处；若两处口径确实不同（分期、范围不同），请在标签中写明区别。",
        "en": "Keep one number for the indicator: correct one of the two statements; if they really measure different things "
              "(a phase, a narrower area), say so in the label.",
    },
    "year_outside_period": {
        "zh": "把目标年份改到规划期（{period}）之内，或列为远景目标，或在文中说明为何跨期。",
        "en": "Move the target year into the plan period ({period}), make it a vision target, or explain why it lies beyond the period.",
    },
    "interval_conflict": {
        "zh": "与上级规划衔接：把本规划的{name}调整到上级设定的{other}范围内；若本地情况确需不同，应在报批说明中写明依据，并商请上级规划同步调整。",
        "en": "Align with the upper plan: bring this plan's {name} within {other}, as the upper plan sets it; if local "
              "conditions really differ, give the reasons in the submission and ask for the upper plan to be revised too.",
    },
    "binding_strictness": {
        "zh": "约束性指标不得宽于上级要求：把本规划数值收紧到{other}或更严。",
        "en": "A binding target may not be looser than the upper plan's: tighten this plan's number to {other} or stricter.",
    },
    "assigned_gap": {
        "zh": "上级规划为本地区设定了{other_name}（{other}）：在本规划中增加相应目标，或在说明中写明不纳入的理由。",
        "en": "The upper plan sets {other_name} ({other}) for this region: add a matching target, or state why this plan leaves it out.",
    },
    "ref_upper_missing": {
        "zh": "写明具体数值（上级下达后的数字），或把下达该指标的上级规划或文件加入语料，使其可以核对。",
        "en": "State the number (the one the upper level set), or add the upper plan or document that sets it to the corpus so it can be checked.",
    },
    "children_sum": {
        "zh": "下级地区之和超过了总量：与相关地区协调压减，或核对总量与各地区数值的口径。",
        "en": "The regions below add up to more than the total: agree reductions with them, or check that total and parts are measured alike.",
    },
    "share_implied": {
        "zh": "份额表述与数值不一致：按份额推算应为{implied}，修改份额或数值其中之一。",
        "en": "The share and the value disagree: the share implies {implied}; change either the share or the value.",
    },
    "share_sum": {
        "zh": "各地区对同一总量所占份额之和超过100%：与相关地区及上级协调份额。",
        "en": "The shares claimed of one total add up past 100%: agree the shares with the other regions and the upper plan.",
    },
    "exclusive_roles": {
        "zh": "排他性定位只能由一个地区承担：对照上级规划核实定位，修改本规划表述（例如改为“重要组成部分”）。",
        "en": "An exclusive role can belong to one region only: check the role against the upper plan and reword it "
              "(for example \"an important part of\").",
    },
    "role_given_to_other": {
        "zh": "上级规划把这一定位赋予了{given_to}：改用上级规划对本地区的定位表述，或说明分工。",
        "en": "The upper plan gives this role to {given_to}: use the role the upper plan gives this region, or explain the division of work.",
    },
    "project_reciprocity": {
        "zh": "在{missing_in}的规划中补列该项目，或在本规划中注明对方尚未纳入，使跨区项目两端一致。",
        "en": "List the project in {missing_in}'s plan too, or note here that it is not yet there, so both ends of the project agree.",
    },
    "upper_plan_missing": {
        "zh": "这不是规划文本的问题：把{region}的规划加入语料后重新检查，即可核对与之的衔接。",
        "en": "Not a problem in the plan text: add {region}'s plan to the corpus and run the check again to compare against it.",
    },
    "neighbour_plan_missing": {
        "zh": "这不是规划文本的问题：把{region}的规划加入语料后重新检查，即可核对横向衔接。",
        "en": "Not a problem in the plan text: add {region}'s plan to the corpus and run the check again to compare with it.",
    },
}

FALLBACK = {
    "zh": "核对本规划与相关规划的表述，修改其中一处使两者一致，或在说明中写明差异的依据。",
    "en": "Check this plan's statement against the related one and change one of them, or explain the difference.",
}


class _Blanks(dict):
    def __missing__(self, key: str) -> str:
        return "—"


def advice(function: str, lang: str, fields: dict[str, str]) -> str:
    lang = "en" if lang == "en" else "zh"
    template = ADVICE.get(function, FALLBACK)[lang] if function in ADVICE else FALLBACK[lang]
    return template.format_map(_Blanks({k: v for k, v in fields.items() if v not in (None, "")}))
