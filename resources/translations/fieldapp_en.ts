<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="42" />
        <source>发生意外错误：{0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
</context>
<context>
    <name>AnnotationCanvas</name>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="186" />
        <source>添加图形</source>
        <translation>Add shape</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="193" />
        <source>删除图形</source>
        <translation>Delete shapes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="218" />
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="220" />
        <source>修改样式</source>
        <translation>Change style</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="282" />
        <source>按住并拖动来画图形。</source>
        <translation>Press and drag to draw a shape.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="284" />
        <source>画图形</source>
        <translation>Draw shape</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="315" />
        <source>先在“文字”框中输入标注文字，再点击照片放置。</source>
        <translation>Type the label in the text box first, then click the photo to place it.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="320" />
        <source>添加文字</source>
        <translation>Add text</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="326" />
        <location filename="../../fieldapp/ui/annotation_canvas.py" line="328" />
        <source>移动图形</source>
        <translation>Move shapes</translation>
    </message>
</context>
<context>
    <name>AnnotationEditor</name>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="97" />
        <source>标注照片</source>
        <translation>Annotate photo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="132" />
        <source>选择</source>
        <translation>Select</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="132" />
        <source>选择、拖动、删除图形</source>
        <translation>Select, drag and delete shapes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="133" />
        <source>箭头</source>
        <translation>Arrow</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="133" />
        <source>拖动画箭头，箭头指向松开处</source>
        <translation>Drag to draw an arrow; it points where you let go</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="134" />
        <source>圆圈</source>
        <translation>Circle</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="134" />
        <source>拖动画椭圆；按住 Shift 画正圆</source>
        <translation>Drag to draw an ellipse; hold Shift for a circle</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="135" />
        <source>方框</source>
        <translation>Box</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="135" />
        <source>拖动画矩形框</source>
        <translation>Drag to draw a box</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="136" />
        <source>手绘</source>
        <translation>Freehand</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="136" />
        <source>按住拖动画自由线条</source>
        <translation>Hold and drag to draw a line</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="137" />
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="137" />
        <source>在右侧输入文字，再点击照片放置</source>
        <translation>Type the text on the right, then click the photo to place it</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="149" />
        <source>红</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="150" />
        <source>黄</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="151" />
        <source>绿</source>
        <translation>Green</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="152" />
        <source>蓝</source>
        <translation>Blue</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="153" />
        <source>白</source>
        <translation>White</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="154" />
        <source>黑</source>
        <translation>Black</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="157" />
        <source>颜色：{0}</source>
        <translation>Colour: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="170" />
        <source>线条粗细和文字大小</source>
        <translation>Line width and text size</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="171" />
        <source>细</source>
        <translation>Thin</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="171" />
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="171" />
        <source>粗</source>
        <translation>Thick</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="177" />
        <source>标注文字，如：墙面开裂</source>
        <translation>Label text, e.g. cracked wall</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="186" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="188" />
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="198" />
        <source>撤销（Ctrl+Z）</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="199" />
        <source>重做（Ctrl+Y）</source>
        <translation>Redo (Ctrl+Y)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="200" />
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="202" />
        <source>删除所选图形（Delete）</source>
        <translation>Delete the selected shapes (Delete)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="205" />
        <source>查看水印效果</source>
        <translation>Show stamped</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="209" />
        <source>显示导出和打印时的样子：标注加上社区、时间、位置和体检员水印（仅供查看）</source>
        <translation>Show it as exported and printed: the annotation plus the community, time, position and surveyor stamp (for checking only)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="213" />
        <source>正在打开照片…</source>
        <translation>Opening the photo…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="216" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="221" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="255" />
        <source>已保存的标注无法读取，将从空白开始：{0}</source>
        <translation>The saved annotation cannot be read; starting blank: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="314" />
        <source>修改文字</source>
        <translation>Change text</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="330" />
        <source>未保存</source>
        <translation>not saved</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="330" />
        <source>已保存</source>
        <translation>saved</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="332" />
        <source>{0} 个图形 · {1}</source>
        <translation>{0} shapes · {1}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="344" />
        <source>正在生成水印效果…</source>
        <translation>Rendering the stamped view…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="385" />
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="409" />
        <source>放弃修改？</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="410" />
        <source>标注有未保存的修改。放弃这些修改吗？</source>
        <translation>The annotation has unsaved changes. Discard them?</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="413" />
        <source>放弃修改</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/annotation_editor.py" line="414" />
        <source>继续编辑</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>BuildingTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="107" />
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="108" />
        <source>层数</source>
        <translation>Floors</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="109" />
        <source>单元</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="110" />
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="111" />
        <source>建成年份</source>
        <translation>Year built</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="112" />
        <source>电梯</source>
        <translation>Lift</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../fieldapp/ui/camera.py" line="59" />
        <location filename="../../fieldapp/ui/camera.py" line="77" />
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/camera.py" line="83" />
        <source>完成拍照</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/camera.py" line="112" />
        <source>已拍摄 {0} 张</source>
        <translation>{0} taken</translation>
    </message>
</context>
<context>
    <name>CommunitiesPage</name>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="84" />
        <source>搜索社区、街道、地址（Ctrl+F）</source>
        <translation>Search communities, streets, addresses (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="89" />
        <source>新建社区</source>
        <translation>New community</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="93" />
        <source>导入交接包…</source>
        <translation>Import handoff package…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="109" />
        <source>还没有社区。点击“新建社区”（Ctrl+N）开始。</source>
        <translation>No communities yet. Click “New community” (Ctrl+N) to start.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="124" />
        <source>全部街道</source>
        <translation>All streets</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="165" />
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
        <location filename="../../fieldapp/ui/community_page.py" line="307" />
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="324" />
        <source>新建体检表</source>
        <translation>New checklist</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="337" />
        <source>双击或按 Enter 打开；草稿从上次离开的位置继续。</source>
        <translation>Double-click or press Enter to open; a draft continues where it was left.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="347" />
        <source>开始录入问卷（键盘录入模式）</source>
        <translation>Transcribe questionnaires (keyboard mode)</translation>
    </message>
    <message>
        <source>体检报告</source>
        <translation>Checkup report</translation>
    </message>
    <message>
        <source>报告（PDF）、导出和离线数据包在报告模块接入后在此生成；生成过程在后台进行，可查看进度并取消。</source>
        <translation>The report (PDF), exports and the offline package are made here once the report module lands; they run in the background with progress and cancel.</translation>
    </message>
    <message>
        <source>生成体检报告</source>
        <translation>Make the report</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/community_page.py" line="377" />
        <source>问卷 {0} 份（已完成 {1} 份）</source>
        <translation>{0} questionnaires ({1} completed)</translation>
    </message>
</context>
<context>
    <name>CommunityTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="165" />
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="165" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="165" />
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="165" />
        <source>人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="165" />
        <source>户数</source>
        <translation>Households</translation>
    </message>
</context>
<context>
    <name>DateQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="195" />
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>ErrorPage</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="48" />
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="53" />
        <source>可在“设置”中选择另一个数据目录，然后重新启动。</source>
        <translation>Choose another data directory in Settings, then restart.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="55" />
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
</context>
<context>
    <name>EstateTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="94" />
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="94" />
        <source>建成年份</source>
        <translation>Year built</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="94" />
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/place_models.py" line="94" />
        <source>老旧小区</source>
        <translation>Old estate</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="227" />
        <source>◀ 上一节</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="230" />
        <source>下一节 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="233" />
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="383" />
        <source>✔ 已保存</source>
        <translation>✔ Saved</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="385" />
        <source>保存中…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="389" />
        <source>✘ 保存失败</source>
        <translation>✘ Not saved</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/form_view.py" line="440" />
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
        <location filename="../../fieldapp/ui/questions/inputs.py" line="207" />
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="209" />
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="77" />
        <source>社区体检外业助手</source>
        <translation>fieldapp — community checkup</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="91" />
        <source>正在打开数据…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="103" />
        <source>◀ 返回</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="104" />
        <source>社区列表</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="106" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="107" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="109" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="111" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="128" />
        <location filename="../../fieldapp/ui/screenshots.py" line="72" />
        <source>数据目录：{0}</source>
        <translation>Data directory: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="138" />
        <location filename="../../fieldapp/ui/main_window.py" line="140" />
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="164" />
        <source>发生意外错误：{0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="166" />
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>NeedTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="147" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="148" />
        <source>需求</source>
        <translation>Need</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="149" />
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="150" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="151" />
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="152" />
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="153" />
        <source>已改</source>
        <translation>Edited</translation>
    </message>
</context>
<context>
    <name>NewCommunityDialog</name>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="33" />
        <source>新建社区</source>
        <translation>New community</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="43" />
        <source>社区名称 *</source>
        <translation>Community name *</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="44" />
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="45" />
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="50" />
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="50" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/communities_page.py" line="55" />
        <source>请填写社区名称。</source>
        <translation>Please enter the community's name.</translation>
    </message>
</context>
<context>
    <name>NumberQuestion</name>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="164" />
        <source>数据来源：如何取得这个数值</source>
        <translation>Source: how this figure was obtained</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/questions/inputs.py" line="165" />
        <source>来源未注明</source>
        <translation>Source not given</translation>
    </message>
</context>
<context>
    <name>PackageImporter</name>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="53" />
        <location filename="../../fieldapp/ui/report_package.py" line="125" />
        <source>导入交接包</source>
        <translation>Import handoff package</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="55" />
        <source>交接包 (*.zip)</source>
        <translation>Handoff package (*.zip)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="68" />
        <source>正在校验并导入交接包…</source>
        <translation>Verifying and importing the handoff package…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="68" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="100" />
        <source>已导入“{0}”：写入 {1} 条记录，新增照片 {2} 张。</source>
        <translation>Imported “{0}”: {1} records written, {2} new photos.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="106" />
        <source>“{0}”的这个交接包此前已导入，没有变化。</source>
        <translation>This package of “{0}” was imported before; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="109" />
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="117" />
        <source>已取消，未导入任何数据。</source>
        <translation>Cancelled; nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_package.py" line="125" />
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>PhotoListModel</name>
    <message>
        <location filename="../../fieldapp/ui/photos_model.py" line="182" />
        <source>照片缺失</source>
        <translation>Photo missing</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_model.py" line="211" />
        <source>此设备上没有这张照片（编号 {0}）</source>
        <translation>This photo is not on this device (id {0})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_model.py" line="212" />
        <source>（无说明）</source>
        <translation>(no caption)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_model.py" line="213" />
        <source>拍摄时间：{0}</source>
        <translation>Taken: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_model.py" line="217" />
        <source>位置：{0:.5f}, {1:.5f}</source>
        <translation>Position: {0:.5f}, {1:.5f}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_model.py" line="219" />
        <source>有标注</source>
        <translation>Annotated</translation>
    </message>
</context>
<context>
    <name>PhotoQuestion</name>
    <message>
        <source>照片编号</source>
        <translation>Photo id</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="135" />
        <source>还没有照片：可选择文件或文件夹、拖放到这里、粘贴（Ctrl+V）或拍照。</source>
        <translation>No photos yet: choose files or a folder, drop them here, paste (Ctrl+V) or use the camera.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="149" />
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="151" />
        <source>选择照片文件（可多选）</source>
        <translation>Choose photo files (several at once)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="153" />
        <source>导入文件夹…</source>
        <translation>Import folder…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="155" />
        <source>导入文件夹中的全部照片（如相机存储卡）</source>
        <translation>Import every photo in a folder (a camera card, say)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="157" />
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="159" />
        <source>粘贴剪贴板中的图片或文件（Ctrl+V）</source>
        <translation>Paste a picture or files from the clipboard (Ctrl+V)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="161" />
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="164" />
        <source>正在检查摄像头…</source>
        <translation>Looking for a camera…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="175" />
        <source>所选照片的说明</source>
        <translation>Caption of the selected photo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="177" />
        <source>标注…</source>
        <translation>Annotate…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="179" />
        <source>在照片上画箭头、圆圈、方框、线条和文字</source>
        <translation>Draw arrows, circles, boxes, lines and text on the photo</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="181" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="183" />
        <source>从这里移除所选照片（Delete）</source>
        <translation>Remove the selected photo from here (Delete)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="195" />
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="251" />
        <source>用本机摄像头拍照</source>
        <translation>Take photos with this device's camera</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="255" />
        <source>此设备没有可用的摄像头；可导入照片文件或文件夹。</source>
        <translation>This device has no camera; import photo files or a folder instead.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="261" />
        <source>照片 ({0})</source>
        <translation>Photos ({0})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="261" />
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="262" />
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="271" />
        <source>选择照片文件夹</source>
        <translation>Choose a photo folder</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="292" />
        <location filename="../../fieldapp/ui/photos_strip.py" line="310" />
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="305" />
        <source>剪贴板或拖放的内容中没有图片或文件。</source>
        <translation>There is no picture or file in what was pasted or dropped.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="324" />
        <source>无法保存粘贴的图片：{0}</source>
        <translation>The pasted picture could not be saved: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="370" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="388" />
        <source>正在导入 {0}/{1}</source>
        <translation>Importing {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="407" />
        <source>已导入 {0} 张</source>
        <translation>{0} imported</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="409" />
        <source>{0} 张已有（未重复保存）</source>
        <translation>{0} already here (not stored twice)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="411" />
        <source>{0} 个文件未导入</source>
        <translation>{0} files not imported</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="413" />
        <source>{0} 个因取消未导入</source>
        <translation>{0} not imported (cancelled)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="420" />
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="424" />
        <source>……另有 {0} 个</source>
        <translation>…and {0} more</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="425" />
        <source>{0}。</source>
        <translation>{0}.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/photos_strip.py" line="425" />
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="62" />
        <source>新需求</source>
        <translation>New need</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="62" />
        <source>需求清单</source>
        <translation>Needs list</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="65" />
        <source>新项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="66" />
        <source>项目清单</source>
        <translation>Project list</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="70" />
        <source>重新生成</source>
        <translation>Regenerate</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="73" />
        <source>按最新的体检数据重新推导两张清单；手工修改和删除会保留。</source>
        <translation>Derive both lists again from the latest checkup data; manual edits and deletions are kept.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="76" />
        <source>恢复自动值</source>
        <translation>Restore derived values</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="78" />
        <source>放弃所选行的手工修改，恢复为推导的值。</source>
        <translation>Discard the manual edits of the selected row and restore the derived values.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="80" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="114" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="129" />
        <source>需求清单（{0}）</source>
        <translation>Needs list ({0})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="130" />
        <source>项目清单（{0}）</source>
        <translation>Project list ({0})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="167" />
        <source>正在重新生成清单…</source>
        <translation>Regenerating the lists…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="179" />
        <source>已重新生成：新增 {0}，更新 {1}，保留手工修改 {2}，移除 {3}。</source>
        <translation>Regenerated: {0} added, {1} updated, {2} manual edits kept, {3} removed.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="210" />
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="220" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="226" />
        <source>已添加</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_plan.py" line="237" />
        <source>✔ 已保存</source>
        <translation>✔ Saved</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="101" />
        <source>已手工修改：{0}</source>
        <translation>Edited by hand: {0}</translation>
    </message>
</context>
<context>
    <name>ProblemEditor</name>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="74" />
        <source>编辑问题</source>
        <translation>Edit problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="74" />
        <source>记录问题</source>
        <translation>Record problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="89" />
        <source>关联指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="95" />
        <source>问题描述 *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="98" />
        <source>（未分类）</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="101" />
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="104" />
        <source>子问题</source>
        <translation>Sub-problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="107" />
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="108" />
        <source>治理难度</source>
        <translation>Difficulty</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="109" />
        <source>问题分类</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="110" />
        <source>整治类型</source>
        <translation>Remediation</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="111" />
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="116" />
        <source>（未定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="123" />
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="128" />
        <source>建议措施</source>
        <translation>Suggested action</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="139" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="140" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="163" />
        <source>现场照片</source>
        <translation>Site photos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="229" />
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="272" />
        <source>照片正在导入，请等导入完成或取消导入后再保存。</source>
        <translation>Photos are being imported: wait until the import ends, or cancel it, then save.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problem_editor.py" line="276" />
        <source>请填写问题描述。</source>
        <translation>Please describe the problem.</translation>
    </message>
</context>
<context>
    <name>ProblemHistoryModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="310" />
        <source>时间</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="310" />
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="310" />
        <source>状态变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="310" />
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="253" />
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="254" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="255" />
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="256" />
        <source>分类</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="257" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="258" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="259" />
        <source>位置</source>
        <translation>Location</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="74" />
        <source>新建问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="78" />
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="106" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="107" />
        <source>全部严重程度</source>
        <translation>All severities</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="108" />
        <source>全部分类</source>
        <translation>All classes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="109" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="133" />
        <location filename="../../fieldapp/ui/problems_view.py" line="184" />
        <source>选择一个问题查看处置记录</source>
        <translation>Select a problem to see its history</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="143" />
        <source>处置说明</source>
        <translation>Note on the change</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="145" />
        <source>变更状态</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="161" />
        <source>共 {0} 个问题</source>
        <translation>{0} problems</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="191" />
        <source>当前状态：{0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/problems_view.py" line="242" />
        <location filename="../../fieldapp/ui/problems_view.py" line="277" />
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
    <name>ProjectTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="175" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="176" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="177" />
        <source>估算（万元）</source>
        <translation>Estimate (10k CNY)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="178" />
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="179" />
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_models.py" line="180" />
        <source>已改</source>
        <translation>Edited</translation>
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
    <name>ReportPage</name>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="82" />
        <source>生成报告</source>
        <translation>Generate report</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="85" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="89" />
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="93" />
        <source>导出交接包…</source>
        <translation>Export handoff package…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="96" />
        <source>把报告、数据表、照片和社区数据打包成一个带校验的 zip，用于离线交接。</source>
        <translation>Pack the report, tables, photos and the community's data into one verified zip for offline handoff.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="113" />
        <source>先审核左侧的需求清单和项目清单，再生成报告。</source>
        <translation>Review the needs and project lists on the left, then generate the report.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="166" />
        <source>正在生成报告…</source>
        <translation>Generating the report…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="181" />
        <source>报告已生成：共 {0} 页，编号 {1}。可预览后“另存为…”。</source>
        <translation>Report generated: {0} pages, id {1}. Preview it, then “Save as…”.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="193" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="199" />
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="201" />
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="223" />
        <source>✔ 报告已保存：{0}</source>
        <translation>✔ Report saved: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="229" />
        <source>选择导出交接包的文件夹</source>
        <translation>Choose a folder for the handoff package</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="260" />
        <source>正在导出交接包…</source>
        <translation>Exporting the handoff package…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="271" />
        <source>✔ 交接包已导出：{0}（{1} 个文件）</source>
        <translation>✔ Handoff package exported: {0} ({1} files)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="275" />
        <source>；缺少 {0} 张照片文件</source>
        <translation>; {0} photo files missing</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="313" />
        <source>已取消，未生成文件。</source>
        <translation>Cancelled; no file was written.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_page.py" line="325" />
        <source>清单已修改：请重新生成报告。</source>
        <translation>The lists changed: generate the report again.</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <location filename="../../fieldapp/ui/report_preview.py" line="38" />
        <source>◀ 上一页</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_preview.py" line="48" />
        <source>下一页 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_preview.py" line="53" />
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_preview.py" line="54" />
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_preview.py" line="61" />
        <source>缩放</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_preview.py" line="120" />
        <source>/ 共 {0} 页</source>
        <translation>/ {0} pages</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="35" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="45" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="48" />
        <source>记录为填报人和问题处置人</source>
        <translation>Recorded as the surveyor and on problem changes</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="49" />
        <source>体检员姓名</source>
        <translation>Surveyor's name</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="53" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="57" />
        <source>数据目录</source>
        <translation>Data directory</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="60" />
        <source>界面语言和数据目录在重新启动后生效。</source>
        <translation>Language and data directory take effect after a restart.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="63" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="64" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="77" />
        <source>{0} 像素</source>
        <translation>{0} px</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="79" />
        <source>照片保存时长边的最大像素数；2560 足够打印报告</source>
        <translation>The longest side photos are stored at; 2560 is enough for printed reports</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="80" />
        <source>照片长边</source>
        <translation>Photo long edge</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="81" />
        <source>同时保留相机原始文件</source>
        <translation>Also keep the camera's original file</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="84" />
        <source>原始文件</source>
        <translation>Original file</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="85" />
        <source>导入时另存带水印的副本（社区、时间、位置、体检员）</source>
        <translation>On import, also save a stamped copy (community, time, position, surveyor)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="88" />
        <source>水印</source>
        <translation>Evidence stamp</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/settings_dialog.py" line="92" />
        <source>选择数据目录</source>
        <translation>Choose the data directory</translation>
    </message>
</context>
<context>
    <name>SubmissionTableModel</name>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="217" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="218" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="219" />
        <source>填报人</source>
        <translation>Surveyor</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="220" />
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/models.py" line="221" />
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
    <name>SyncController</name>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="293" />
        <source>请向管理员索取新的登记码，然后点“同步”重新登记本设备。</source>
        <translation>Ask the administrator for a new enrolment code, then click “Sync” to enrol this device again.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="295" />
        <source>同步失败</source>
        <translation>Sync failed</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="39" />
        <source>同步服务器</source>
        <translation>Sync server</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="44" />
        <source>首次同步（或重新登记）需要服务器地址和管理员提供的一次性登记码。登记码只用一次，以后同步不再需要。</source>
        <translation>The first sync (or enrolling again) needs the server address and the one-time enrolment code from the administrator. The code is used once; later syncs do not need it.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="49" />
        <source>本设备已登记（{0}）。只换服务器地址时登记码可留空；重新登记时填写新的登记码。</source>
        <translation>This device is enrolled ({0}). To change only the server address, leave the code empty; to enrol again, enter a new code.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="56" />
        <source>例如 http://192.168.1.10:8765</source>
        <translation>e.g. http://192.168.1.10:8765</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="57" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="60" />
        <source>例如 ABCD-EFGH-JKMN</source>
        <translation>e.g. ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="61" />
        <source>登记码</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="61" />
        <source>登记码（可选）</source>
        <translation>Enrolment code (optional)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="67" />
        <source>开始同步</source>
        <translation>Start sync</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="67" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="88" />
        <source>请填写服务器地址。</source>
        <translation>Please enter the server address.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="90" />
        <source>服务器地址中不能有空格。</source>
        <translation>The server address must not contain spaces.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="95" />
        <source>服务器地址的端口号不正确。</source>
        <translation>The port in the server address is not valid.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="97" />
        <source>服务器地址应以 http:// 或 https:// 开头。</source>
        <translation>The server address must start with http:// or https://.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="99" />
        <source>服务器地址不完整，例如 http://192.168.1.10:8765</source>
        <translation>The server address is incomplete, e.g. http://192.168.1.10:8765</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="103" />
        <source>请填写登记码（向管理员索取）。</source>
        <translation>Please enter the enrolment code (ask the administrator).</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_dialog.py" line="105" />
        <source>登记码只含字母、数字和短横线，请核对。</source>
        <translation>An enrolment code has only letters, digits and dashes; please check it.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="358" />
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="362" />
        <location filename="../../fieldapp/ui/sync_panel.py" line="377" />
        <location filename="../../fieldapp/ui/sync_panel.py" line="408" />
        <source>取消同步</source>
        <translation>Cancel sync</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="375" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="376" />
        <source>同步服务器…</source>
        <translation>Sync server…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="408" />
        <source>停止重试</source>
        <translation>Stop retrying</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="415" />
        <source>同步中…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="415" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="425" />
        <source>正在取消同步…</source>
        <translation>Cancelling the sync…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="428" />
        <source>{0}（{1}/{2}）</source>
        <translation>{0} ({1}/{2})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="429" />
        <source>正在同步：{0}</source>
        <translation>Syncing: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="431" />
        <source>无法连接服务器，{0}后自动重试（已失败 {1} 次）</source>
        <translation>Cannot reach the server; retrying in {0} (attempts failed: {1})</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="436" />
        <source>无法连接服务器，已停止自动重试。可点“立即重试”或按 F9。</source>
        <translation>Cannot reach the server; automatic retries stopped. Click “Retry now” or press F9.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="439" />
        <source>同步失败：{0} 请点“同步”重新登记。</source>
        <translation>Sync failed: {0} Click “Sync” to enrol again.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="440" />
        <source>同步失败：{0}</source>
        <translation>Sync failed: {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="449" />
        <source>尚未同步。点“同步”（F9）与服务器交换数据。</source>
        <translation>Not synced yet. Click “Sync” (F9) to exchange data with the server.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="454" />
        <source>上次同步：{0}，上传 {1} 条、下载 {2} 条、照片 {3} 张</source>
        <translation>Last sync: {0}, {1} records up, {2} down, {3} photos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="459" />
        <source>，冲突 {0} 处</source>
        <translation>, {0} conflicts</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="462" />
        <source>，{0} 条待照片文件</source>
        <translation>, {0} waiting for photo files</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="467" />
        <source>上次同步已取消（{0}），已完成的部分已保存。</source>
        <translation>Last sync cancelled ({0}); what was done is kept.</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="468" />
        <source>上次同步失败（{0}）：{1}</source>
        <translation>Last sync failed ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="479" />
        <source>正在连接服务器</source>
        <translation>Connecting to the server</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="480" />
        <source>正在上传照片</source>
        <translation>Uploading photos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="481" />
        <source>正在上传记录</source>
        <translation>Uploading records</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="482" />
        <source>正在下载更新</source>
        <translation>Downloading updates</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="483" />
        <source>正在下载照片</source>
        <translation>Downloading photos</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="484" />
        <source>同步完成</source>
        <translation>Sync finished</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="490" />
        <source>{0} 秒</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="491" />
        <source>{0} 分钟</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="500" />
        <source>M月d日 HH:mm</source>
        <translation>d MMM HH:mm</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="500" />
        <source>yyyy年M月d日 HH:mm</source>
        <translation>d MMM yyyy HH:mm</translation>
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
