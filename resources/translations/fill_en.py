"""Fill English translations into fieldapp_en.ts (run after pyside6-lupdate adds strings).

`make translations` runs lupdate (keeping existing translations) then lrelease; this script
is the place new English strings are written down. Unknown strings stay "unfinished", and
tests/ui/test_translations.py fails until they are given here.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EN = {
    "楼栋": "Building",
    "层数": "Floors",
    "单元": "Units",
    "户数": "Households",
    "建成年份": "Year built",
    "电梯": "Lift",
    "搜索社区、街道、地址（Ctrl+F）": "Search communities, streets, addresses (Ctrl+F)",
    "新建社区": "New community",
    "还没有社区。点击“新建社区”（Ctrl+N）开始。": "No communities yet. Click “New community” (Ctrl+N) to start.",
    "全部街道": "All streets",
    "{0} 年社区体检": "{0} community checkup",
    "完成情况": "Progress",
    "概况": "Profile",
    "体检表": "Checklists",
    "问题": "Problems",
    "问卷": "Questionnaires",
    "报告": "Reports",
    "新建体检表": "New checklist",
    "双击或按 Enter 打开；草稿从上次离开的位置继续。": "Double-click or press Enter to open; a draft continues where it was left.",
    "开始录入问卷（键盘录入模式）": "Transcribe questionnaires (keyboard mode)",
    "体检报告": "Checkup report",
    "报告（PDF）、导出和离线数据包在报告模块接入后在此生成；生成过程在后台进行，可查看进度并取消。": "The report (PDF), exports and the offline package are made here once the report module lands; they run in the background with progress and cancel.",
    "生成体检报告": "Make the report",
    "问卷 {0} 份（已完成 {1} 份）": "{0} questionnaires ({1} completed)",
    "社区": "Community",
    "街道": "Street",
    "区": "District",
    "人口": "Population",
    "今天": "Today",
    "无法打开数据": "Cannot open the data",
    "可在“设置”中选择另一个数据目录，然后重新启动。": "Choose another data directory in Settings, then restart.",
    "设置…": "Settings…",
    "小区": "Estate",
    "老旧小区": "Old estate",
    "◀ 上一节": "◀ Previous",
    "下一节 ▶": "Next ▶",
    "完成": "Complete",
    "✔ 已保存": "✔ Saved",
    "保存中…": "Saving…",
    "✘ 保存失败": "✘ Not saved",
    "尚不能完成，还有 {0} 项需要处理（点击跳转）：": "Cannot complete yet: {0} items need attention (click to go there):",
    "底线型": "Baseline",
    "底线型指标：不达标时否决所在类别": "Baseline item: not met vetoes its category",
    "人工判定…": "Override…",
    "记录问题": "Record problem",
    "要求：": "Requirement: ",
    "理由（必填）": "Reason (required)",
    "应用": "Apply",
    "撤销人工判定": "Remove override",
    "判定为": "Judge as",
    "（人工判定，原判定：{0}）": " (overridden; derived: {0})",
    "纬度": "Latitude",
    "经度": "Longitude",
    "社区体检外业助手": "fieldapp — community checkup",
    "正在打开数据…": "Opening the data…",
    "◀ 返回": "◀ Back",
    "社区列表": "Communities",
    "搜索": "Search",
    "新建": "New",
    "设置": "Settings",
    "数据目录：{0}": "Data directory: {0}",
    "发生意外错误：{0}": "Unexpected error: {0}",
    "出错了": "Something went wrong",
    "社区名称 *": "Community name *",
    "创建": "Create",
    "取消": "Cancel",
    "请填写社区名称。": "Please enter the community's name.",
    "数据来源：如何取得这个数值": "Source: how this figure was obtained",
    "来源未注明": "Source not given",
    "照片编号": "Photo id",
    "添加": "Add",
    "移除所选": "Remove selected",
    "编辑问题": "Edit problem",
    "关联指标": "Indicator",
    "问题描述 *": "Description *",
    "（未分类）": "(no category)",
    "问题类别": "Category",
    "子问题": "Sub-problem",
    "严重程度": "Severity",
    "治理难度": "Difficulty",
    "问题分类": "Class",
    "整治类型": "Remediation",
    "责任单位": "Responsible unit",
    "（未定）": "(not set)",
    "位置": "Location",
    "建议措施": "Suggested action",
    "保存": "Save",
    "（不指定）": "(none)",
    "请填写问题描述。": "Please describe the problem.",
    "时间": "When",
    "操作人": "By",
    "状态变化": "Change",
    "说明": "Note",
    "问题描述": "Description",
    "类别": "Category",
    "分类": "Class",
    "状态": "Status",
    "指标": "Indicator",
    "新建问题": "New problem",
    "编辑…": "Edit…",
    "全部类别": "All categories",
    "全部严重程度": "All severities",
    "全部分类": "All classes",
    "全部状态": "All statuses",
    "选择一个问题查看处置记录": "Select a problem to see its history",
    "处置说明": "Note on the change",
    "变更状态": "Change status",
    "共 {0} 个问题": "{0} problems",
    "当前状态：{0}": "Status: {0}",
    "体检员": "Surveyor",
    "社区名称": "Community name",
    "地址": "Address",
    "常住人口（人）": "Resident population",
    "户数（户）": "Households",
    "面积（公顷）": "Area (ha)",
    "60岁以上占比（%）": "Share aged 60+ (%)",
    "网格数": "Grids",
    "新小区名称": "New estate name",
    "所选小区的楼栋": "Buildings of the selected estate",
    "新楼栋名称": "New building name",
    "添加一项": "Add one",
    "（暂无记录：请先在社区概况中添加小区和楼栋）": "(none yet: add estates and buildings in the community profile first)",
    "第 {0} 项": "Item {0}",
    "界面语言": "Language",
    "记录为填报人和问题处置人": "Recorded as the surveyor and on problem changes",
    "体检员姓名": "Surveyor's name",
    "浏览…": "Browse…",
    "数据目录": "Data directory",
    "界面语言和数据目录在重新启动后生效。": "Language and data directory take effect after a restart.",
    "选择数据目录": "Choose the data directory",
    "表单": "Form",
    "填报人": "Surveyor",
    "开始时间": "Started",
    "完成时间": "Completed",
    "正在统计…": "Counting…",
    "尚未开始体检": "No checklist started yet",
    "已判定 {0}/{1} 项": "{0} of {1} items judged",
    "建议分级：{0}": "Suggested tier: {0}",
    "未办结 {0}": "open {0}",
    "共 {0} 份，已完成 {1} 份": "{0} in all, {1} completed",
    "总体满意率 {0:.0f}%": "Overall satisfaction {0:.0f}%",
    "居民问卷": "Resident questionnaires",
    "问卷录入": "Transcription",
    "数字键选择选项（多选题再按一次取消），Enter 或 Tab 下一题，Shift+Tab 上一题，Ctrl+Enter 提前完成本份问卷；最后一题后自动打开下一份空白问卷。": "Digit keys choose options (press again to untick a multiple choice), Enter or Tab: next question, Shift+Tab: previous, Ctrl+Enter: complete this questionnaire early; after the last question the next blank one opens by itself.",
    "本次已录入 {0} 份\n本社区已完成 {1} 份，有效 {2} 份": "Entered this session: {0}\nCompleted in this community: {1}, valid: {2}",
    "第 {0}/{1} 题 · {2}": "Question {0}/{1} · {2}",
    "是": "Yes",
    "否": "No",
    "（说明，按 Enter 继续）": "(a note: press Enter to go on)",
    "没有选项 {0}": "No option {0}",
    "清除": "Clear",
    "清除这一题的答案": "Clear this answer",
    "抽样要求": "Sampling rules",
}


def fill(path: Path) -> list[str]:
    """Write the known translations into ``path``; return the sources still untranslated."""
    tree = ET.parse(path)  # noqa: S314 (our own file)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        if node is None:
            node = ET.SubElement(message, "translation")
        if source in EN:
            node.text = EN[source]
            node.attrib.pop("type", None)
        elif node.get("type") == "unfinished" or not node.text:
            missing.append(source)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return missing


if __name__ == "__main__":
    left = fill(
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fieldapp_en.ts")
    )
    for source in left:
        print(f"untranslated: {source}", file=sys.stderr)
    raise SystemExit(1 if left else 0)
