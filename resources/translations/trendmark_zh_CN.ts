<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement between analysts</source>
        <translation>分析员之间的一致性</translation>
    </message>
    <message>
        <source>Krippendorff's alpha (ordinal) across all analysts and Cohen's kappa with linear weights for each pair; 1 is perfect agreement, 0 is chance. — means undefined: a single analyst, no shared nodes, or no variation.</source>
        <translation>所有分析员之间的 Krippendorff alpha 系数（有序），以及每两人之间线性加权的 Cohen kappa 系数；1 表示完全一致，0 表示与随机相同。— 表示无法计算：只有一位分析员、没有共同评分的节点或评分没有差异。</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha 系数</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点数</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>分析员</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>Kappa 系数</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Click a row to show the node in the outline.</source>
        <translation>点击一行即可在大纲中显示该节点。</translation>
    </message>
    <message>
        <source>Widest disagreements</source>
        <translation>分歧最大之处</translation>
    </message>
    <message>
        <source>No node has ratings that differ between analysts.</source>
        <translation>没有节点在分析员之间存在评分差异。</translation>
    </message>
</context>
<context>
    <name>AnnotationEdits</name>
    <message>
        <source>Tag in the other script</source>
        <translation>另一种字体的标签</translation>
    </message>
    <message>
        <source>The tag “{existing}” already exists; it differs from “{typed}” only in Simplified or Traditional characters.

Use “{existing}”?</source>
        <translation>标签“{existing}”已存在，与“{typed}”仅有简体与繁体之别。

使用“{existing}”吗？</translation>
    </message>
</context>
<context>
    <name>AnnotationSession</name>
    <message>
        <source>This database is read-only; the change was not made.</source>
        <translation>此数据库为只读，未做任何更改。</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有更改已保存</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>无法保存：{error}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>{path}

{error}</source>
        <translation>{path}

{error}</translation>
    </message>
    <message>
        <source>Your annotations are signed “{name}” (your login name). To use another name, start Trendmark with --author NAME.</source>
        <translation>您的批注署名为“{name}”（登录名）。如需使用其他名字，请以 --author 姓名 启动 Trendmark。</translation>
    </message>
</context>
<context>
    <name>AuthorNameDialog</name>
    <message>
        <source>Welcome to Trendmark</source>
        <translation>欢迎使用 Trendmark</translation>
    </message>
    <message>
        <source>Your name is recorded with every tag, rating, note and highlight, so that colleagues can tell whose work is whose when databases are merged.</source>
        <translation>您的姓名会记录在每个标签、评分、笔记和高亮上，合并数据库时同事可以分辨各自的工作。</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>您的姓名：</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add tag “{tag}”</source>
        <translation>添加标签“{tag}”</translation>
    </message>
    <message>
        <source>Remove tag “{tag}”</source>
        <translation>移除标签“{tag}”</translation>
    </message>
    <message>
        <source>Rate {dimension} {value}</source>
        <translation>{dimension}评分 {value}</translation>
    </message>
    <message>
        <source>Clear {dimension} rating</source>
        <translation>清除{dimension}评分</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Highlight “{quote}”</source>
        <translation>高亮“{quote}”</translation>
    </message>
    <message>
        <source>Recolour highlight</source>
        <translation>更改高亮颜色</translation>
    </message>
    <message>
        <source>Edit highlight comment</source>
        <translation>编辑高亮批注</translation>
    </message>
    <message>
        <source>Delete highlight “{quote}”</source>
        <translation>删除高亮“{quote}”</translation>
    </message>
    <message>
        <source>Add tag “{tag}” to highlight</source>
        <translation>为高亮添加标签“{tag}”</translation>
    </message>
    <message>
        <source>Remove tag “{tag}” from highlight</source>
        <translation>从高亮移除标签“{tag}”</translation>
    </message>
    <message>
        <source>Rename dimension to “{name}”</source>
        <translation>将评分维度重命名为“{name}”</translation>
    </message>
    <message>
        <source>Add dimension “{name}”</source>
        <translation>添加评分维度“{name}”</translation>
    </message>
    <message>
        <source>Merge {name}</source>
        <translation>合并 {name}</translation>
    </message>
    <message>
        <source>Resolve conflict</source>
        <translation>解决冲突</translation>
    </message>
    <message>
        <source>Label the matrix quadrants</source>
        <translation>标注矩阵象限</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Review merge conflicts</source>
        <translation>审阅合并冲突</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>分析员</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <source>Show in outline</source>
        <translation>在大纲中显示</translation>
    </message>
    <message>
        <source>note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>{dimension} rating</source>
        <translation>{dimension}评分</translation>
    </message>
    <message>
        <source>highlight comment</source>
        <translation>高亮批注</translation>
    </message>
    <message>
        <source>No conflicts to review: every merged text is settled.</source>
        <translation>没有需要审阅的冲突：所有合并的文字都已处理。</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Theirs ({source})</source>
        <translation>对方的（{source}）</translation>
    </message>
    <message>
        <source>current version</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <source>set aside</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>(no rating)</source>
        <translation>（未评分）</translation>
    </message>
    <message>
        <source>{dimension}: {value}</source>
        <translation>{dimension}：{value}</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>{count} conflict(s) to review.</source>
        <translation>有 {count} 处冲突待审阅。</translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <source>&amp;JSON…</source>
        <translation>JSON 文件(&amp;J)…</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>&amp;CSV…</source>
        <translation>CSV 表格(&amp;C)…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Markdown…</source>
        <translation>Markdown 文档(&amp;M)…</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>&amp;W3C Web Annotation…</source>
        <translation>W3C 网页批注(&amp;W)…</translation>
    </message>
    <message>
        <source>W3C Web Annotation (*.jsonld)</source>
        <translation>W3C 网页批注 (*.jsonld)</translation>
    </message>
    <message>
        <source>&amp;REFI-QDA project…</source>
        <translation>REFI-QDA 项目(&amp;R)…</translation>
    </message>
    <message>
        <source>REFI-QDA projects (*.qdpx)</source>
        <translation>REFI-QDA 项目 (*.qdpx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Import or open a report first.</source>
        <translation>请先导入或打开一份报告。</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>导出{format}</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>{path} could not be written:

{error}</source>
        <translation>无法写入 {path}：

{error}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Save a copy for sharing</source>
        <translation>保存副本以便共享</translation>
    </message>
    <message>
        <source>Trendmark databases (*.sqlite *.db);;All files (*)</source>
        <translation>Trendmark 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saved a copy for sharing: {path} — a colleague merges it with File › Merge a colleague's database…</source>
        <translation>已保存共享副本：{path} — 同事可通过“文件 › 合并同事的数据库…”将其合并</translation>
    </message>
</context>
<context>
    <name>DatabaseActions</name>
    <message>
        <source>Trendmark databases (*.sqlite *.db);;All files (*)</source>
        <translation>Trendmark 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reports (*.pdf *.docx *.md *.markdown *.html *.htm *.txt);;All files (*)</source>
        <translation>报告 (*.pdf *.docx *.md *.markdown *.html *.htm *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{path}

{error}</source>
        <translation>{path}

{error}</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>{path} already exists; it is opened instead.</source>
        <translation>{path} 已存在，将直接打开它。</translation>
    </message>
    <message>
        <source>No recent databases</source>
        <translation>没有最近使用的数据库</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>This database is read-only; open a writable one to import reports.</source>
        <translation>此数据库为只读；请打开可写的数据库再导入报告。</translation>
    </message>
    <message>
        <source>{path} is not a file.</source>
        <translation>{path} 不是文件。</translation>
    </message>
    <message>
        <source>Another report is still being imported; try again when it is done.</source>
        <translation>另一份报告仍在导入中，请稍后再试。</translation>
    </message>
</context>
<context>
    <name>Dimensions</name>
    <message>
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>可能性</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
</context>
<context>
    <name>HighlightsPanel</name>
    <message>
        <source>Select text in the reading pane and press H to highlight it.</source>
        <translation>在阅读窗格中选中文字，按 H 即可高亮。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this highlight (Undo brings it back)</source>
        <translation>删除此高亮（可撤销）</translation>
    </message>
    <message>
        <source>Comment on this highlight…</source>
        <translation>为此高亮写批注…</translation>
    </message>
    <message>
        <source>Tag this highlight…</source>
        <translation>为此高亮添加标签…</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>来自 {author}</translation>
    </message>
    <message>
        <source>{quote}
Highlighted by {author}</source>
        <translation>{quote}
由 {author} 高亮</translation>
    </message>
    <message>
        <source>Highlighted by {author}</source>
        <translation>由 {author} 高亮</translation>
    </message>
</context>
<context>
    <name>HubSync</name>
    <message>
        <source>S&amp;ync with team hub…</source>
        <translation>与团队中心同步(&amp;Y)…</translation>
    </message>
    <message>
        <source>Send your changes to the team hub and fetch everyone else's</source>
        <translation>把您的更改发送到团队中心，并取回其他人的更改</translation>
    </message>
    <message>
        <source>Sync with the hub every {n} minutes</source>
        <translation>每 {n} 分钟与团队中心同步</translation>
    </message>
    <message>
        <source>Sync with team hub</source>
        <translation>与团队中心同步</translation>
    </message>
    <message>
        <source>Hub address (postgresql://role@host/database or service=NAME);
the password comes from ~/.pgpass and is never stored:</source>
        <translation>团队中心地址（postgresql://角色@主机/数据库 或 service=名称）；
密码取自 ~/.pgpass，从不保存：</translation>
    </message>
    <message>
        <source>Hub: offline</source>
        <translation>团队中心：离线</translation>
    </message>
    <message>
        <source>Hub: synced {time} · {n} pending</source>
        <translation>团队中心：{time} 已同步 · {n} 项待发送</translation>
    </message>
    <message>
        <source>Last sync with {hub}</source>
        <translation>上次与 {hub} 同步</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Report imported</source>
        <translation>报告已导入</translation>
    </message>
    <message>
        <source>The importer noted:</source>
        <translation>导入时发现：</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Select a node in the outline</source>
        <translation>请在大纲中选择一个节点</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>撤销 {action}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>重做 {action}(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有更改已保存</translation>
    </message>
    <message>
        <source>Read-only: {path} cannot be written here. You can read, search and filter; editing is switched off. Copy the file to a writable folder to annotate it.</source>
        <translation>只读：无法在此写入 {path}。您可以阅读、搜索和筛选，但编辑已关闭。如需批注，请将文件复制到可写的文件夹。</translation>
    </message>
    <message>
        <source>No report in this database yet. Use File › Import report… or drop a report file on this window.</source>
        <translation>此数据库中还没有报告。请使用“文件 › 导入报告…”，或将报告文件拖到此窗口。</translation>
    </message>
    <message>
        <source>[read-only]</source>
        <translation>[只读]</translation>
    </message>
    <message>
        <source>No reports</source>
        <translation>没有报告</translation>
    </message>
    <message>
        <source>Clear {dimension} rating</source>
        <translation>清除{dimension}评分</translation>
    </message>
    <message>
        <source>Rate {dimension} {value}</source>
        <translation>{dimension}评分 {value}</translation>
    </message>
    <message>
        <source>Select some text of a paragraph in the reading pane first.</source>
        <translation>请先在阅读窗格中选中一段正文中的文字。</translation>
    </message>
    <message>
        <source>This highlight belongs to a colleague; only its author can change it.</source>
        <translation>这是同事的高亮，只有其作者可以修改。</translation>
    </message>
    <message>
        <source>About Trendmark</source>
        <translation>关于 Trendmark</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trendmark&lt;/b&gt; {version}&lt;br&gt;An outline and annotation editor for analysts reading long research reports.</source>
        <translation>&lt;b&gt;Trendmark&lt;/b&gt; {version}&lt;br&gt;为阅读长篇研究报告的分析员打造的大纲与批注编辑器。</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>Start an empty annotation database</source>
        <translation>新建一个空的批注数据库</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another annotation database</source>
        <translation>打开另一个批注数据库</translation>
    </message>
    <message>
        <source>&amp;Import report…</source>
        <translation>导入报告(&amp;I)…</translation>
    </message>
    <message>
        <source>Read a report file into this database</source>
        <translation>将报告文件读入此数据库</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Add &amp;tag</source>
        <translation>添加标签(&amp;T)</translation>
    </message>
    <message>
        <source>Type a tag for the current node</source>
        <translation>为当前节点输入标签</translation>
    </message>
    <message>
        <source>Edit &amp;note</source>
        <translation>编辑笔记(&amp;N)</translation>
    </message>
    <message>
        <source>Write your note on the current node</source>
        <translation>为当前节点写笔记</translation>
    </message>
    <message>
        <source>&amp;Highlight selection</source>
        <translation>高亮所选文字(&amp;H)</translation>
    </message>
    <message>
        <source>Highlight the text selected in the reading pane</source>
        <translation>高亮阅读窗格中选中的文字</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter the outline by text</source>
        <translation>按文字筛选大纲</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <source>Next node</source>
        <translation>下一个节点</translation>
    </message>
    <message>
        <source>Previous node</source>
        <translation>上一个节点</translation>
    </message>
    <message>
        <source>&amp;Expand all</source>
        <translation>全部展开(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse all</source>
        <translation>全部折叠(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lear filter</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Trendmark</source>
        <translation>关于 Trendmark(&amp;A)</translation>
    </message>
    <message>
        <source>Save a copy for &amp;sharing…</source>
        <translation>保存副本以便共享(&amp;S)…</translation>
    </message>
    <message>
        <source>Write a copy of this database to hand to a colleague</source>
        <translation>写出此数据库的副本，交给同事</translation>
    </message>
    <message>
        <source>&amp;Merge a colleague's database…</source>
        <translation>合并同事的数据库(&amp;M)…</translation>
    </message>
    <message>
        <source>Add a colleague's annotations to this database</source>
        <translation>将同事的批注加入此数据库</translation>
    </message>
    <message>
        <source>&amp;Colleagues' annotations</source>
        <translation>同事的批注(&amp;C)</translation>
    </message>
    <message>
        <source>Show colleagues' tags, ratings, notes and highlights beside yours</source>
        <translation>在您的批注旁显示同事的标签、评分、笔记和高亮</translation>
    </message>
    <message>
        <source>&amp;Agreement between analysts…</source>
        <translation>分析员之间的一致性(&amp;A)…</translation>
    </message>
    <message>
        <source>How far the analysts' ratings agree, and where they differ</source>
        <translation>分析员的评分有多一致，又在哪里不同</translation>
    </message>
    <message>
        <source>Review merge &amp;conflicts…</source>
        <translation>审阅合并冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>Texts both you and a colleague changed: keep mine, take theirs or keep both</source>
        <translation>您和同事都修改过的文字：保留我的、采用对方的或两者都保留</translation>
    </message>
    <message>
        <source>Text as &amp;written</source>
        <translation>按原文显示(&amp;W)</translation>
    </message>
    <message>
        <source>Text in &amp;Simplified Chinese</source>
        <translation>以简体中文显示(&amp;S)</translation>
    </message>
    <message>
        <source>Text in &amp;Traditional Chinese</source>
        <translation>以繁体中文显示(&amp;T)</translation>
    </message>
    <message>
        <source>Clear rating</source>
        <translation>清除评分</translation>
    </message>
    <message>
        <source>Rate {value}</source>
        <translation>评分 {value}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Highlight in colour</source>
        <translation>按颜色高亮</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;text</source>
        <translation>文本显示(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main tool bar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Move down / up the outline</source>
        <translation>在大纲中下移 / 上移</translation>
    </message>
    <message>
        <source>↓ / ↑,  J / K</source>
        <translation>↓ / ↑，J / K</translation>
    </message>
    <message>
        <source>Open / close a chapter</source>
        <translation>展开 / 折叠章节</translation>
    </message>
    <message>
        <source>→ / ←</source>
        <translation>→ / ←</translation>
    </message>
    <message>
        <source>First / last node</source>
        <translation>第一个 / 最后一个节点</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>Rate the first dimension 1–5</source>
        <translation>为第一个维度评 1–5 分</translation>
    </message>
    <message>
        <source>Rate the second dimension 1–5</source>
        <translation>为第二个维度评 1–5 分</translation>
    </message>
    <message>
        <source>Rate the third dimension 1–5</source>
        <translation>为第三个维度评 1–5 分</translation>
    </message>
    <message>
        <source>Edit the stars of the current row</source>
        <translation>编辑当前行的星级</translation>
    </message>
    <message>
        <source>Bold / italic / underline in a note</source>
        <translation>笔记中的粗体 / 斜体 / 下划线</translation>
    </message>
    <message>
        <source>Bullet / numbered list in a note</source>
        <translation>笔记中的项目符号 / 编号列表</translation>
    </message>
    <message>
        <source>Link in a note</source>
        <translation>笔记中的链接</translation>
    </message>
    <message>
        <source>Import new &amp;edition…</source>
        <translation>导入新版本(&amp;E)…</translation>
    </message>
    <message>
        <source>Import a revised edition of a report and carry its annotations across</source>
        <translation>导入报告的修订版，并将标注带到新版</translation>
    </message>
    <message>
        <source>&amp;Orphans</source>
        <translation>孤立高亮(&amp;O)</translation>
    </message>
    <message>
        <source>Edition {n}: {title}</source>
        <translation>第 {n} 版：{title}</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>Import new edition</source>
        <translation>导入新版本</translation>
    </message>
    <message>
        <source>Import a report first; a new edition revises one.</source>
        <translation>请先导入报告；新版本是对已有报告的修订。</translation>
    </message>
    <message>
        <source>The new edition revises:</source>
        <translation>新版本修订的报告：</translation>
    </message>
    <message>
        <source>Revised edition</source>
        <translation>修订版</translation>
    </message>
    <message>
        <source>Edition {n} imported</source>
        <translation>已导入第 {n} 版</translation>
    </message>
</context>
<context>
    <name>MatrixDock</name>
    <message>
        <source>Trend matrix</source>
        <translation>趋势矩阵</translation>
    </message>
    <message>
        <source>The dimension along the horizontal axis</source>
        <translation>横轴上的维度</translation>
    </message>
    <message>
        <source>The dimension along the vertical axis</source>
        <translation>纵轴上的维度</translation>
    </message>
    <message>
        <source>What the size of a point shows</source>
        <translation>点的大小表示什么</translation>
    </message>
    <message>
        <source>Whose ratings are averaged</source>
        <translation>取谁的评分平均</translation>
    </message>
    <message>
        <source>Quadrants…</source>
        <translation>象限…</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>x</source>
        <translation>横轴</translation>
    </message>
    <message>
        <source>y</source>
        <translation>纵轴</translation>
    </message>
    <message>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>整个团队</translation>
    </message>
    <message>
        <source>Number of analysts</source>
        <translation>分析师人数</translation>
    </message>
    <message>
        <source>{shown} of {total} rated trends</source>
        <translation>已评分趋势 {total} 个中显示 {shown} 个</translation>
    </message>
    <message>
        <source>Save the trend matrix</source>
        <translation>保存趋势矩阵</translation>
    </message>
    <message>
        <source>SVG image (*.svg);;PNG image (*.png)</source>
        <translation>SVG 图像 (*.svg);;PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <source>Matrix quadrants</source>
        <translation>矩阵象限</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>Grid line at every step</source>
        <translation>每一级画网格线</translation>
    </message>
    <message>
        <source>&amp;Trend matrix</source>
        <translation>趋势矩阵(&amp;T)</translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>Trend matrix</source>
        <translation>趋势矩阵</translation>
    </message>
    <message>
        <source>No trend is rated on both dimensions yet.</source>
        <translation>还没有趋势在这两个维度上都有评分。</translation>
    </message>
    <message>
        <source>{count} analyst(s)</source>
        <translation>{count} 位分析师</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge a colleague's database</source>
        <translation>合并同事的数据库</translation>
    </message>
    <message>
        <source>Their notes, highlights, tags and ratings are added to this database. Where both of you changed the same text, both versions are kept for you to review. A backup copy is made first.</source>
        <translation>对方的笔记、高亮、标签和评分将加入此数据库。若你们两人修改了同一段文字，两个版本都会保留供您审阅。合并前会先做一份备份。</translation>
    </message>
    <message>
        <source>Their database file (a copy made with Share)</source>
        <translation>对方的数据库文件（用“共享”保存的副本）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a file to see what merging it would change.</source>
        <translation>选择一个文件，查看合并后会有哪些变化。</translation>
    </message>
    <message>
        <source>Accept the rating dimensions and scales this file changes</source>
        <translation>接受此文件对评分维度和量表的更改</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>This database is read-only; nothing can be merged into it.</source>
        <translation>此数据库为只读，无法合并任何内容。</translation>
    </message>
    <message>
        <source>Trendmark databases (*.sqlite *.db);;All files (*)</source>
        <translation>Trendmark 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{count} text(s) were changed on both sides; both versions are kept. Review them now?</source>
        <translation>有 {count} 段文字在双方都被修改过，两个版本都已保留。现在审阅吗？</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Your note on this part of the report…</source>
        <translation>写下您对这部分报告的笔记…</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>下划线</translation>
    </message>
    <message>
        <source>Bullet list</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>编号列表</translation>
    </message>
    <message>
        <source>Text colour…</source>
        <translation>文字颜色…</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <source>Text colour</source>
        <translation>文字颜色</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Address (https://…):</source>
        <translation>地址（https://…）：</translation>
    </message>
    <message>
        <source>Note by {author}</source>
        <translation>{author} 的笔记</translation>
    </message>
</context>
<context>
    <name>Orphans</name>
    <message>
        <source>Re-attach highlight</source>
        <translation>重新附加高亮</translation>
    </message>
    <message>
        <source>Discard orphan</source>
        <translation>舍弃孤立高亮</translation>
    </message>
    <message>
        <source>Orphans</source>
        <translation>孤立高亮</translation>
    </message>
    <message>
        <source>Re-attach to selection</source>
        <translation>附加到所选文字</translation>
    </message>
    <message>
        <source>Select the passage in the reading pane, then place this highlight on it</source>
        <translation>先在阅读窗格中选择段落，再将此高亮放到其上</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>舍弃</translation>
    </message>
    <message>
        <source>{count} highlight(s) of the previous edition found no place in this one.</source>
        <translation>上一版中有 {count} 个高亮在此版中找不到位置。</translation>
    </message>
    <message>
        <source>No orphans: every highlight found its place.</source>
        <translation>没有孤立高亮：每个高亮都找到了位置。</translation>
    </message>
    <message>
        <source>Select the passage in the reading pane first, then re-attach the highlight.</source>
        <translation>请先在阅读窗格中选择段落，再重新附加高亮。</translation>
    </message>
</context>
<context>
    <name>OutlineFilter</name>
    <message>
        <source>Filter titles, text, notes, comments…</source>
        <translation>筛选标题、正文、笔记、批注…</translation>
    </message>
    <message>
        <source>Show only nodes whose title, text, note or highlight comment contains this (Ctrl+F)</source>
        <translation>仅显示标题、正文、笔记或高亮批注中包含此文字的节点（Ctrl+F）</translation>
    </message>
    <message>
        <source>Show only nodes with this tag</source>
        <translation>仅显示带有此标签的节点</translation>
    </message>
    <message>
        <source>Annotated</source>
        <translation>已批注</translation>
    </message>
    <message>
        <source>Show only nodes with tags, ratings, a note or highlights</source>
        <translation>仅显示带有标签、评分、笔记或高亮的节点</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>任意评分</translation>
    </message>
    <message>
        <source>{dimension} ≥ {value}</source>
        <translation>{dimension} ≥ {value}</translation>
    </message>
    <message>
        <source>Show only nodes you rated at least this</source>
        <translation>只显示您评分不低于此值的节点</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes and highlights</source>
        <translation>笔记与高亮</translation>
    </message>
    <message>
        <source>{dimension}: {value} of {maximum} (your rating)</source>
        <translation>{dimension}：{value} / {maximum}（您的评分）</translation>
    </message>
    <message>
        <source>{dimension}: not rated — click a star or press 1–5</source>
        <translation>{dimension}：未评分 — 点击星星或按 1–5</translation>
    </message>
    <message>
        <source>Has a note</source>
        <translation>有笔记</translation>
    </message>
    <message>
        <source>{count} highlight(s)</source>
        <translation>{count} 处高亮</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>Nothing matches the filter.</source>
        <translation>没有符合筛选条件的内容。</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language when you press OK.</source>
        <translation>按“确定”后，窗口将以新语言重新打开。</translation>
    </message>
    <message>
        <source>Add dimension</source>
        <translation>添加评分维度</translation>
    </message>
    <message>
        <source>Double-click a name to rename it. The first dimension is the one shown in the outline and set with the keys 1–5.</source>
        <translation>双击名称可重命名。第一个维度显示在大纲中，可用 1–5 键设置。</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>Rating dimensions:</source>
        <translation>评分维度：</translation>
    </message>
    <message>
        <source>New dimension</source>
        <translation>新维度</translation>
    </message>
</context>
<context>
    <name>RatingsEditor</name>
    <message>
        <source>Click a star to rate {dimension}; click it again to clear</source>
        <translation>点击星星为{dimension}评分；再次点击可清除</translation>
    </message>
    <message>
        <source>Colleagues' ratings</source>
        <translation>同事的评分</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>p. {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>No text for this point in the source.</source>
        <translation>原文中此要点没有正文。</translation>
    </message>
    <message>
        <source>… and {count} more parts below this one; select a section in the outline to read on.</source>
        <translation>… 下面还有 {count} 个部分；请在大纲中选择一节继续阅读。</translation>
    </message>
    <message>
        <source>Highlighted by {author}</source>
        <translation>由 {author} 高亮</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Highlight selection</source>
        <translation>高亮所选文字</translation>
    </message>
    <message>
        <source>Show highlight in inspector</source>
        <translation>在检查器中显示此高亮</translation>
    </message>
    <message>
        <source>Highlight colour</source>
        <translation>高亮颜色</translation>
    </message>
    <message>
        <source>Delete highlight</source>
        <translation>删除高亮</translation>
    </message>
</context>
<context>
    <name>ReportImporter</name>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Importing report</source>
        <translation>正在导入报告</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Saving {title}…</source>
        <translation>正在保存《{title}》…</translation>
    </message>
    <message>
        <source>{chapters} chapters, {sections} sections, {points} points.</source>
        <translation>{chapters} 章，{sections} 节，{points} 个要点。</translation>
    </message>
    <message>
        <source>This report was already in the database; nothing was changed.</source>
        <translation>该报告已在数据库中，未做任何更改。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Local database (WAL)</source>
        <translation>本地数据库（WAL）</translation>
    </message>
    <message>
        <source>A local disk: every change is written at once to a write-ahead log beside the database.</source>
        <translation>本地磁盘：每次更改都会立即写入数据库旁的预写日志。</translation>
    </message>
    <message>
        <source>Network drive: rollback journal</source>
        <translation>网络驱动器：回滚日志</translation>
    </message>
    <message>
        <source>The database is on a network drive, where a write-ahead log is unsafe: changes use a rollback journal (slower saves). Let only one computer open it at a time.</source>
        <translation>数据库位于网络驱动器上，在此使用预写日志并不安全：更改改用回滚日志（保存较慢）。请同一时间只让一台电脑打开它。</translation>
    </message>
    <message>
        <source>In memory</source>
        <translation>内存中</translation>
    </message>
    <message>
        <source>Nothing is written to disk.</source>
        <translation>不会写入磁盘。</translation>
    </message>
    <message>
        <source>Only your annotations</source>
        <translation>仅显示您的批注</translation>
    </message>
    <message>
        <source>Colleagues' annotations are hidden (View › Colleagues' annotations)</source>
        <translation>同事的批注已隐藏（视图 › 同事的批注）</translation>
    </message>
    <message>
        <source>{count} conflict(s) to review</source>
        <translation>{count} 处冲突待审阅</translation>
    </message>
    <message>
        <source>Texts a merge found changed on both sides: click to review them</source>
        <translation>合并时发现双方都改过的文本：点击审阅</translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation>（内存中）</translation>
    </message>
    <message>
        <source>{path} (read-only)</source>
        <translation>{path}（只读）</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>Analyst: {name}</source>
        <translation>分析员：{name}</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>Added by {names}</source>
        <translation>添加者：{names}</translation>
    </message>
    <message>
        <source>Remove tag “{tag}”</source>
        <translation>移除标签“{tag}”</translation>
    </message>
    <message>
        <source>No tags yet</source>
        <translation>暂无标签</translation>
    </message>
    <message>
        <source>Add a tag and press Enter…</source>
        <translation>输入标签后按回车…</translation>
    </message>
</context>
<context><name>PdfExport</name><message><source>Analysts:</source><translation>分析员：</translation></message><message><source>Annotated &amp;PDF…</source><translation>带批注的 PDF(&amp;P)…</translation></message><message><source>Any rating</source><translation>任意评分</translation></message><message><source>As written</source><translation>按原文</translation></message><message><source>Browse…</source><translation>浏览…</translation></message><message><source>Cancel</source><translation>取消</translation></message><message><source>Chapters, sections and points keep their ancestors, so the outline stays whole; no tag ticked means every node.</source><translation>章、节和要点会保留其上级，使大纲保持完整；不勾选任何标签即包括所有节点。</translation></message><message><source>Choose the file to write.</source><translation>请选择要写入的文件。</translation></message><message><source>Export</source><translation>导出</translation></message><message><source>Export annotated PDF</source><translation>导出带批注的 PDF</translation></message><message><source>Exported {path}</source><translation>已导出 {path}</translation></message><message><source>Exporting PDF</source><translation>正在导出 PDF</translation></message><message><source>File:</source><translation>文件：</translation></message><message><source>Import or open a report first.</source><translation>请先导入或打开一份报告。</translation></message><message><source>Minimum rating:</source><translation>最低评分：</translation></message><message><source>Nodes:</source><translation>节点：</translation></message><message><source>Only my annotations</source><translation>仅我的批注</translation></message><message><source>Only nodes with annotations</source><translation>仅有批注的节点</translation></message><message><source>Open the PDF when it is ready</source><translation>完成后打开 PDF</translation></message><message><source>PDF export failed</source><translation>PDF 导出失败</translation></message><message><source>PDF files (*.pdf)</source><translation>PDF 文件 (*.pdf)</translation></message><message><source>Page size:</source><translation>纸张大小：</translation></message><message><source>Report text:</source><translation>报告文本：</translation></message><message><source>Simplified Chinese</source><translation>简体中文</translation></message><message><source>Tagged with any of:</source><translation>带有以下任一标签：</translation></message><message><source>The PDF could not be written: {error}</source><translation>无法写入 PDF：{error}</translation></message><message><source>The folder cannot be created: {error}</source><translation>无法创建文件夹：{error}</translation></message><message><source>The folder {folder} cannot be written here; choose another.</source><translation>无法在此写入文件夹 {folder}，请另选。</translation></message><message><source>The folder {folder} will be created.</source><translation>将创建文件夹 {folder}。</translation></message><message><source>Traditional Chinese</source><translation>繁体中文</translation></message><message><source>Write the report with its tags, ratings, notes and highlights as a PDF</source><translation>将报告连同标签、评分、笔记和高亮写成 PDF</translation></message><message><source>Writing {name}…</source><translation>正在写入 {name}…</translation></message></context></TS>