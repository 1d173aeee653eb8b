<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BuildingTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="128" />
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="129" />
        <source>层数</source>
        <translation>Floors</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="130" />
        <source>单元</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="131" />
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="132" />
        <source>建成年份</source>
        <translation>Year built</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="133" />
        <source>电梯</source>
        <translation>Lift</translation>
    </message>
</context>
<context>
    <name>CommunitiesPage</name>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="89" />
        <source>搜索社区、街道、地址（Ctrl+F）</source>
        <translation>Search communities, streets, addresses (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="94" />
        <source>新建社区</source>
        <translation>New community</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="110" />
        <source>还没有社区。点击“新建社区”（Ctrl+N）开始。</source>
        <translation>No communities yet. Click “New community” (Ctrl+N) to start.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="125" />
        <source>全部街道</source>
        <translation>All streets</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="156" />
        <source>{0} 年社区体检</source>
        <translation>{0} community checkup</translation>
    </message>
</context>
<context>
    <name>CommunityPage</name>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="294" />
        <source>完成情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="297" />
        <source>概况</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="298" />
        <source>体检表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="302" />
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="303" />
        <source>问卷</source>
        <translation>Questionnaires</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="304" />
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="317" />
        <source>新建体检表</source>
        <translation>New checklist</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="330" />
        <source>双击或按 Enter 打开；草稿从上次离开的位置继续。</source>
        <translation>Double-click or press Enter to open; a draft continues where it was left.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="340" />
        <source>开始录入问卷（键盘录入模式）</source>
        <translation>Transcribe questionnaires (keyboard mode)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="356" />
        <source>体检报告</source>
        <translation>Checkup report</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="360" />
        <source>报告（PDF）、导出和离线数据包在报告模块接入后在此生成；生成过程在后台进行，可查看进度并取消。</source>
        <translation>The report (PDF), exports and the offline package are made here once the report module lands; they run in the background with progress and cancel.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="365" />
        <source>生成体检报告</source>
        <translation>Make the report</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="388" />
        <source>问卷 {0} 份（已完成 {1} 份）</source>
        <translation>{0} questionnaires ({1} completed)</translation>
    </message>
</context>
<context>
    <name>CommunityTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="118" />
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="118" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="118" />
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="118" />
        <source>人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="118" />
        <source>户数</source>
        <translation>Households</translation>
    </message>
</context>
<context>
    <name>DateQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="196" />
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>ErrorPage</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="46" />
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="51" />
        <source>可在“设置”中选择另一个数据目录，然后重新启动。</source>
        <translation>Choose another data directory in Settings, then restart.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="53" />
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
</context>
<context>
    <name>EstateTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="115" />
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="115" />
        <source>建成年份</source>
        <translation>Year built</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="115" />
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="115" />
        <source>老旧小区</source>
        <translation>Old estate</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="225" />
        <source>◀ 上一节</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="228" />
        <source>下一节 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="231" />
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="381" />
        <source>✔ 已保存</source>
        <translation>✔ Saved</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="383" />
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="387" />
        <source>✘ 保存失败</source>
        <translation>✘ Not saved</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="438" />
        <source>尚不能完成，还有 {0} 项需要处理（点击跳转）：</source>
        <translation>Cannot complete yet: {0} items need attention (click to go there):</translation>
    </message>
</context>
<context>
    <name>IndicatorCard</name>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="36" />
        <source>底线型</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="38" />
        <source>底线型指标：不达标时否决所在类别</source>
        <translation>Baseline item: not met vetoes its category</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="41" />
        <source>人工判定…</source>
        <translation>Override…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="46" />
        <source>记录问题</source>
        <translation>Record problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="54" />
        <source>要求：</source>
        <translation>Requirement: </translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="73" />
        <source>理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="75" />
        <source>应用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="78" />
        <source>撤销人工判定</source>
        <translation>Remove override</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="80" />
        <source>判定为</source>
        <translation>Judge as</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/indicator.py" line="109" />
        <source>（人工判定，原判定：{0}）</source>
        <translation> (overridden; derived: {0})</translation>
    </message>
</context>
<context>
    <name>LocationQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="208" />
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="210" />
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="74" />
        <source>社区体检外业助手</source>
        <translation>fieldapp — community checkup</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="85" />
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="96" />
        <source>◀ 返回</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="97" />
        <source>社区列表</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="99" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="100" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="102" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="119" />
        <source>数据目录：{0}</source>
        <translation>Data directory: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="128" />
        <location filename="../../fieldapp/ui/main_window.py" line="130" />
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="145" />
        <source>发生意外错误：{0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="147" />
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>NewCommunityDialog</name>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="34" />
        <source>新建社区</source>
        <translation>New community</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="44" />
        <source>社区名称 *</source>
        <translation>Community name *</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="45" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="46" />
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="53" />
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="54" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="61" />
        <source>请填写社区名称。</source>
        <translation>Please enter the community's name.</translation>
    </message>
</context>
<context>
    <name>NumberQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="165" />
        <source>数据来源：如何取得这个数值</source>
        <translation>Source: how this figure was obtained</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="166" />
        <source>来源未注明</source>
        <translation>Source not given</translation>
    </message>
</context>
<context>
    <name>PhotoQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="250" />
        <source>照片编号</source>
        <translation>Photo id</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="252" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="254" />
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
</context>
<context>
    <name>ProblemEditor</name>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="54" />
        <source>编辑问题</source>
        <translation>Edit problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="54" />
        <source>记录问题</source>
        <translation>Record problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="65" />
        <source>关联指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="71" />
        <source>问题描述 *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="74" />
        <source>（未分类）</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="77" />
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="80" />
        <source>子问题</source>
        <translation>Sub-problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="83" />
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="84" />
        <source>治理难度</source>
        <translation>Difficulty</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="85" />
        <source>问题分类</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="86" />
        <source>整治类型</source>
        <translation>Remediation</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="87" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="92" />
        <source>（未定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="99" />
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="102" />
        <source>建议措施</source>
        <translation>Suggested action</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="110" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="111" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="130" />
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="171" />
        <source>请填写问题描述。</source>
        <translation>Please describe the problem.</translation>
    </message>
</context>
<context>
    <name>ProblemHistoryModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="266" />
        <source>时间</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="266" />
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="266" />
        <source>状态变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="266" />
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="208" />
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="209" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="210" />
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="211" />
        <source>分类</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="212" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="213" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="214" />
        <source>位置</source>
        <translation>Location</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="72" />
        <source>新建问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="76" />
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="104" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="105" />
        <source>全部严重程度</source>
        <translation>All severities</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="106" />
        <source>全部分类</source>
        <translation>All classes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="107" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="126" />
        <location filename="../../fieldapp/ui/problems_view.py" line="177" />
        <source>选择一个问题查看处置记录</source>
        <translation>Select a problem to see its history</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="136" />
        <source>处置说明</source>
        <translation>Note on the change</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="138" />
        <source>变更状态</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="154" />
        <source>共 {0} 个问题</source>
        <translation>{0} problems</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="184" />
        <source>当前状态：{0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="234" />
        <location filename="../../fieldapp/ui/problems_view.py" line="256" />
        <source>体检员</source>
        <translation>Surveyor</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="67" />
        <source>社区名称</source>
        <translation>Community name</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="68" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="69" />
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="70" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="71" />
        <source>常住人口（人）</source>
        <translation>Resident population</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="72" />
        <source>户数（户）</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="73" />
        <source>面积（公顷）</source>
        <translation>Area (ha)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="74" />
        <source>60岁以上占比（%）</source>
        <translation>Share aged 60+ (%)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="75" />
        <source>网格数</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="98" />
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="100" />
        <source>新小区名称</source>
        <translation>New estate name</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="101" />
        <source>所选小区的楼栋</source>
        <translation>Buildings of the selected estate</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="103" />
        <source>新楼栋名称</source>
        <translation>New building name</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="113" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="168" />
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="182" />
        <source>✔ 已保存</source>
        <translation>✔ Saved</translation>
    </message>
</context>
<context>
    <name>RepeatGroupQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/groups.py" line="58" />
        <source>添加一项</source>
        <translation>Add one</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/groups.py" line="67" />
        <source>（暂无记录：请先在社区概况中添加小区和楼栋）</source>
        <translation>(none yet: add estates and buildings in the community profile first)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/groups.py" line="80" />
        <source>第 {0} 项</source>
        <translation>Item {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="30" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="40" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="43" />
        <source>记录为填报人和问题处置人</source>
        <translation>Recorded as the surveyor and on problem changes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="44" />
        <source>体检员姓名</source>
        <translation>Surveyor's name</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="48" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="52" />
        <source>数据目录</source>
        <translation>Data directory</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="54" />
        <source>界面语言和数据目录在重新启动后生效。</source>
        <translation>Language and data directory take effect after a restart.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="58" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="59" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="66" />
        <source>选择数据目录</source>
        <translation>Choose the data directory</translation>
    </message>
</context>
<context>
    <name>SubmissionTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="172" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="173" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="174" />
        <source>填报人</source>
        <translation>Surveyor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="175" />
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="176" />
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="224" />
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="248" />
        <source>体检表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="248" />
        <source>尚未开始体检</source>
        <translation>No checklist started yet</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="254" />
        <source>已判定 {0}/{1} 项</source>
        <translation>{0} of {1} items judged</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="256" />
        <source>建议分级：{0}</source>
        <translation>Suggested tier: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="264" />
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="265" />
        <source>未办结 {0}</source>
        <translation>open {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="268" />
        <source>共 {0} 份，已完成 {1} 份</source>
        <translation>{0} in all, {1} completed</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="276" />
        <source>总体满意率 {0:.0f}%</source>
        <translation>Overall satisfaction {0:.0f}%</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="277" />
        <source>居民问卷</source>
        <translation>Resident questionnaires</translation>
    </message>
</context>
<context>
    <name>TranscriptionView</name>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="83" />
        <source>问卷录入</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="119" />
        <source>数字键选择选项（多选题再按一次取消），Enter 或 Tab 下一题，Shift+Tab 上一题，Ctrl+Enter 提前完成本份问卷；最后一题后自动打开下一份空白问卷。</source>
        <translation>Digit keys choose options (press again to untick a multiple choice), Enter or Tab: next question, Shift+Tab: previous, Ctrl+Enter: complete this questionnaire early; after the last question the next blank one opens by itself.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="216" />
        <source>本次已录入 {0} 份
本社区已完成 {1} 份，有效 {2} 份</source>
        <translation>Entered this session: {0}
Completed in this community: {1}, valid: {2}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="220" />
        <source>抽样要求</source>
        <translation>Sampling rules</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="263" />
        <source>第 {0}/{1} 题 · {2}</source>
        <translation>Question {0}/{1} · {2}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="292" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="292" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="304" />
        <source>（说明，按 Enter 继续）</source>
        <translation>(a note: press Enter to go on)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="391" />
        <source>没有选项 {0}</source>
        <translation>No option {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="422" />
        <source>✔ 已保存</source>
        <translation>✔ Saved</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="422" />
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/transcription.py" line="423" />
        <source>✘ 保存失败</source>
        <translation>✘ Not saved</translation>
    </message>
</context>
<context>
    <name>YesNoQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/choices.py" line="102" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/choices.py" line="102" />
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>_Buttons</name>
    <message>
        <location filename="../../fieldapp/ui/questions/choices.py" line="56" />
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/choices.py" line="58" />
        <source>清除这一题的答案</source>
        <translation>Clear this answer</translation>
    </message>
</context>
</TS>
