<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement between analysts</source>
        <translation>分析員之間的一致性</translation>
    </message>
    <message>
        <source>Krippendorff's alpha (ordinal) across all analysts and Cohen's kappa with linear weights for each pair; 1 is perfect agreement, 0 is chance. — means undefined: a single analyst, no shared nodes, or no variation.</source>
        <translation>所有分析員之間的 Krippendorff alpha 係數（有序），以及每兩人之間線性加權的 Cohen kappa 係數；1 表示完全一致，0 表示與隨機相同。— 表示無法計算：只有一位分析員、沒有共同評分的節點或評分沒有差異。</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>維度</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha 係數</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>節點數</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>分析員</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>Kappa 係數</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>節點</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>評分</translation>
    </message>
    <message>
        <source>Click a row to show the node in the outline.</source>
        <translation>點選一行即可在大綱中顯示該節點。</translation>
    </message>
    <message>
        <source>Widest disagreements</source>
        <translation>分歧最大之處</translation>
    </message>
    <message>
        <source>No node has ratings that differ between analysts.</source>
        <translation>沒有節點在分析員之間存在評分差異。</translation>
    </message>
</context>
<context>
    <name>AnnotationEdits</name>
    <message>
        <source>Tag in the other script</source>
        <translation>另一種字型的標籤</translation>
    </message>
    <message>
        <source>The tag “{existing}” already exists; it differs from “{typed}” only in Simplified or Traditional characters.

Use “{existing}”?</source>
        <translation>標籤“{existing}”已存在，與“{typed}”僅有簡體與繁體之別。

使用“{existing}”嗎？</translation>
    </message>
</context>
<context>
    <name>AnnotationSession</name>
    <message>
        <source>This database is read-only; the change was not made.</source>
        <translation>此資料庫為唯讀，未做任何更改。</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有更改已儲存</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在儲存…</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>無法儲存：{error}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open database</source>
        <translation>無法開啟資料庫</translation>
    </message>
    <message>
        <source>{path}

{error}</source>
        <translation>{path}

{error}</translation>
    </message>
    <message>
        <source>Your annotations are signed “{name}” (your login name). To use another name, start Trendmark with --author NAME.</source>
        <translation>您的批註署名為“{name}”（登入名）。如需使用其他名字，請以 --author 姓名 啟動 Trendmark。</translation>
    </message>
</context>
<context>
    <name>AuthorNameDialog</name>
    <message>
        <source>Welcome to Trendmark</source>
        <translation>歡迎使用 Trendmark</translation>
    </message>
    <message>
        <source>Your name is recorded with every tag, rating, note and highlight, so that colleagues can tell whose work is whose when databases are merged.</source>
        <translation>您的姓名會記錄在每個標籤、評分、筆記和標示上，合併資料庫時同事可以分辨各自的工作。</translation>
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
        <translation>新增標籤“{tag}”</translation>
    </message>
    <message>
        <source>Remove tag “{tag}”</source>
        <translation>移除標籤“{tag}”</translation>
    </message>
    <message>
        <source>Rate {dimension} {value}</source>
        <translation>{dimension}評分 {value}</translation>
    </message>
    <message>
        <source>Clear {dimension} rating</source>
        <translation>清除{dimension}評分</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>編輯筆記</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>標示</translation>
    </message>
    <message>
        <source>Highlight “{quote}”</source>
        <translation>標示“{quote}”</translation>
    </message>
    <message>
        <source>Recolour highlight</source>
        <translation>更改標示顏色</translation>
    </message>
    <message>
        <source>Edit highlight comment</source>
        <translation>編輯標示批註</translation>
    </message>
    <message>
        <source>Delete highlight “{quote}”</source>
        <translation>刪除標示“{quote}”</translation>
    </message>
    <message>
        <source>Add tag “{tag}” to highlight</source>
        <translation>為標示新增標籤“{tag}”</translation>
    </message>
    <message>
        <source>Remove tag “{tag}” from highlight</source>
        <translation>從標示移除標籤“{tag}”</translation>
    </message>
    <message>
        <source>Rename dimension to “{name}”</source>
        <translation>將評分維度重新命名為“{name}”</translation>
    </message>
    <message>
        <source>Add dimension “{name}”</source>
        <translation>新增評分維度“{name}”</translation>
    </message>
    <message>
        <source>Merge {name}</source>
        <translation>合併 {name}</translation>
    </message>
    <message>
        <source>Resolve conflict</source>
        <translation>解決衝突</translation>
    </message>
    <message>
        <source>Label the matrix quadrants</source>
        <translation>標註矩陣象限</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Review merge conflicts</source>
        <translation>審閱合併衝突</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>節點</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>分析員</translation>
    </message>
    <message>
        <source>What</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>採用對方的</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>兩者都保留</translation>
    </message>
    <message>
        <source>Show in outline</source>
        <translation>在大綱中顯示</translation>
    </message>
    <message>
        <source>No conflicts to review: every merged text is settled.</source>
        <translation>沒有需要審閱的衝突：所有合併的文字都已處理。</translation>
    </message>
    <message>
        <source>note</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>{dimension} rating</source>
        <translation>{dimension}評分</translation>
    </message>
    <message>
        <source>highlight comment</source>
        <translation>標示批註</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Theirs ({source})</source>
        <translation>對方的（{source}）</translation>
    </message>
    <message>
        <source>current version</source>
        <translation>當前版本</translation>
    </message>
    <message>
        <source>set aside</source>
        <translation>已擱置</translation>
    </message>
    <message>
        <source>(no rating)</source>
        <translation>（未評分）</translation>
    </message>
    <message>
        <source>{dimension}: {value}</source>
        <translation>{dimension}：{value}</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已刪除）</translation>
    </message>
    <message>
        <source>{count} conflict(s) to review.</source>
        <translation>有 {count} 處衝突待審閱。</translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <source>&amp;JSON…</source>
        <translation>JSON 檔案(&amp;J)…</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 檔案 (*.json)</translation>
    </message>
    <message>
        <source>&amp;CSV…</source>
        <translation>CSV 表格(&amp;C)…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Markdown…</source>
        <translation>Markdown 文件(&amp;M)…</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 檔案 (*.md)</translation>
    </message>
    <message>
        <source>&amp;W3C Web Annotation…</source>
        <translation>W3C 網頁批註(&amp;W)…</translation>
    </message>
    <message>
        <source>W3C Web Annotation (*.jsonld)</source>
        <translation>W3C 網頁批註 (*.jsonld)</translation>
    </message>
    <message>
        <source>&amp;REFI-QDA project…</source>
        <translation>REFI-QDA 專案(&amp;R)…</translation>
    </message>
    <message>
        <source>REFI-QDA projects (*.qdpx)</source>
        <translation>REFI-QDA 專案 (*.qdpx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>Import or open a report first.</source>
        <translation>請先匯入或開啟一份報告。</translation>
    </message>
    <message>
        <source>Export {format}</source>
        <translation>匯出{format}</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在寫入 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在匯出</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>匯出已取消，未寫入任何檔案。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <source>{path} could not be written:

{error}</source>
        <translation>無法寫入 {path}：

{error}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已匯出 {path}</translation>
    </message>
    <message>
        <source>Save a copy for sharing</source>
        <translation>儲存副本以便共享</translation>
    </message>
    <message>
        <source>Trendmark databases (*.sqlite *.db);;All files (*)</source>
        <translation>Trendmark 資料庫 (*.sqlite *.db);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Saved a copy for sharing: {path} — a colleague merges it with File › Merge a colleague's database…</source>
        <translation>已儲存共享副本：{path} — 同事可通過“檔案 › 合併同事的資料庫…”將其合併</translation>
    </message>
</context>
<context>
    <name>DatabaseActions</name>
    <message>
        <source>Trendmark databases (*.sqlite *.db);;All files (*)</source>
        <translation>Trendmark 資料庫 (*.sqlite *.db);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Reports (*.pdf *.docx *.md *.markdown *.html *.htm *.txt);;All files (*)</source>
        <translation>報告 (*.pdf *.docx *.md *.markdown *.html *.htm *.txt);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>{path}

{error}</source>
        <translation>{path}

{error}</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>無法開啟資料庫</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>開啟資料庫</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建資料庫</translation>
    </message>
    <message>
        <source>{path} already exists; it is opened instead.</source>
        <translation>{path} 已存在，將直接開啟它。</translation>
    </message>
    <message>
        <source>No recent databases</source>
        <translation>沒有最近使用的資料庫</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>匯入報告</translation>
    </message>
    <message>
        <source>This database is read-only; open a writable one to import reports.</source>
        <translation>此資料庫為唯讀；請開啟可寫的資料庫再匯入報告。</translation>
    </message>
    <message>
        <source>{path} is not a file.</source>
        <translation>{path} 不是檔案。</translation>
    </message>
    <message>
        <source>Another report is still being imported; try again when it is done.</source>
        <translation>另一份報告仍在匯入中，請稍後再試。</translation>
    </message>
</context>
<context>
    <name>Dimensions</name>
    <message>
        <source>Impact</source>
        <translation>影響</translation>
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
        <translation>在閱讀窗格中選取文字，按 H 即可標示。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Delete this highlight (Undo brings it back)</source>
        <translation>刪除此標示（可撤銷）</translation>
    </message>
    <message>
        <source>Comment on this highlight…</source>
        <translation>為此標示寫批註…</translation>
    </message>
    <message>
        <source>Tag this highlight…</source>
        <translation>為此標示新增標籤…</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>來自 {author}</translation>
    </message>
    <message>
        <source>{quote}
Highlighted by {author}</source>
        <translation>{quote}
由 {author} 標示</translation>
    </message>
    <message>
        <source>Highlighted by {author}</source>
        <translation>由 {author} 標示</translation>
    </message>
</context>
<context>
    <name>HubSync</name>
    <message>
        <source>S&amp;ync with team hub…</source>
        <translation>與團隊中心同步(&amp;Y)…</translation>
    </message>
    <message>
        <source>Send your changes to the team hub and fetch everyone else's</source>
        <translation>把您的更改傳送到團隊中心，並取回其他人的更改</translation>
    </message>
    <message>
        <source>Sync with the hub every {n} minutes</source>
        <translation>每 {n} 分鐘與團隊中心同步</translation>
    </message>
    <message>
        <source>Sync with team hub</source>
        <translation>與團隊中心同步</translation>
    </message>
    <message>
        <source>Hub address (postgresql://role@host/database or service=NAME);
the password comes from ~/.pgpass and is never stored:</source>
        <translation>團隊中心地址（postgresql://角色@主機/資料庫 或 service=名稱）；
密碼取自 ~/.pgpass，從不儲存：</translation>
    </message>
    <message>
        <source>Hub: offline</source>
        <translation>團隊中心：離線</translation>
    </message>
    <message>
        <source>Hub: synced {time} · {n} pending</source>
        <translation>團隊中心：{time} 已同步 · {n} 項待發送</translation>
    </message>
    <message>
        <source>Last sync with {hub}</source>
        <translation>上次與 {hub} 同步</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Report imported</source>
        <translation>報告已匯入</translation>
    </message>
    <message>
        <source>The importer noted:</source>
        <translation>匯入時發現：</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>評分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>標示</translation>
    </message>
    <message>
        <source>Select a node in the outline</source>
        <translation>請在大綱中選擇一個節點</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Select some text of a paragraph in the reading pane first.</source>
        <translation>請先在閱讀窗格中選取一段正文中的文字。</translation>
    </message>
    <message>
        <source>Import new &amp;edition…</source>
        <translation>匯入新版本(&amp;E)…</translation>
    </message>
    <message>
        <source>Import a revised edition of a report and carry its annotations across</source>
        <translation>匯入報告的修訂版，並將標註帶到新版</translation>
    </message>
    <message>
        <source>&amp;Orphans</source>
        <translation>孤立標示(&amp;O)</translation>
    </message>
    <message>
        <source>Edition {n}: {title}</source>
        <translation>第 {n} 版：{title}</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>（唯讀）</translation>
    </message>
    <message>
        <source>Import new edition</source>
        <translation>匯入新版本</translation>
    </message>
    <message>
        <source>Import a report first; a new edition revises one.</source>
        <translation>請先匯入報告；新版本是對已有報告的修訂。</translation>
    </message>
    <message>
        <source>The new edition revises:</source>
        <translation>新版本修訂的報告：</translation>
    </message>
    <message>
        <source>Revised edition</source>
        <translation>修訂版</translation>
    </message>
    <message>
        <source>Edition {n} imported</source>
        <translation>已匯入第 {n} 版</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>所有更改已儲存</translation>
    </message>
    <message>
        <source>Read-only: {path} cannot be written here. You can read, search and filter; editing is switched off. Copy the file to a writable folder to annotate it.</source>
        <translation>唯讀：無法在此寫入 {path}。您可以閱讀、搜尋和篩選，但編輯已關閉。如需批註，請將檔案複製到可寫的資料夾。</translation>
    </message>
    <message>
        <source>No report in this database yet. Use File › Import report… or drop a report file on this window.</source>
        <translation>此資料庫中還沒有報告。請使用“檔案 › 匯入報告…”，或將報告檔案拖到此視窗。</translation>
    </message>
    <message>
        <source>[read-only]</source>
        <translation>[唯讀]</translation>
    </message>
    <message>
        <source>No reports</source>
        <translation>沒有報告</translation>
    </message>
    <message>
        <source>Clear {dimension} rating</source>
        <translation>清除{dimension}評分</translation>
    </message>
    <message>
        <source>Rate {dimension} {value}</source>
        <translation>{dimension}評分 {value}</translation>
    </message>
    <message>
        <source>This highlight belongs to a colleague; only its author can change it.</source>
        <translation>這是同事的標示，只有其作者可以修改。</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>撤銷 {action}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>重做 {action}(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建資料庫(&amp;N)…</translation>
    </message>
    <message>
        <source>Start an empty annotation database</source>
        <translation>新建一個空的批註資料庫</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>開啟資料庫(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another annotation database</source>
        <translation>開啟另一個批註資料庫</translation>
    </message>
    <message>
        <source>&amp;Import report…</source>
        <translation>匯入報告(&amp;I)…</translation>
    </message>
    <message>
        <source>Read a report file into this database</source>
        <translation>將報告檔案讀入此資料庫</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>Add &amp;tag</source>
        <translation>新增標籤(&amp;T)</translation>
    </message>
    <message>
        <source>Type a tag for the current node</source>
        <translation>為當前節點輸入標籤</translation>
    </message>
    <message>
        <source>Edit &amp;note</source>
        <translation>編輯筆記(&amp;N)</translation>
    </message>
    <message>
        <source>Write your note on the current node</source>
        <translation>為當前節點寫筆記</translation>
    </message>
    <message>
        <source>&amp;Highlight selection</source>
        <translation>標示所選文字(&amp;H)</translation>
    </message>
    <message>
        <source>Highlight the text selected in the reading pane</source>
        <translation>標示閱讀窗格中選取的文字</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查詢(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter the outline by text</source>
        <translation>按文字篩選大綱</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好設定(&amp;P)…</translation>
    </message>
    <message>
        <source>Next node</source>
        <translation>下一個節點</translation>
    </message>
    <message>
        <source>Previous node</source>
        <translation>上一個節點</translation>
    </message>
    <message>
        <source>&amp;Expand all</source>
        <translation>全部展開(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse all</source>
        <translation>全部摺疊(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lear filter</source>
        <translation>清除篩選(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>鍵盤快速鍵(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Trendmark</source>
        <translation>關於 Trendmark(&amp;A)</translation>
    </message>
    <message>
        <source>Save a copy for &amp;sharing…</source>
        <translation>儲存副本以便共享(&amp;S)…</translation>
    </message>
    <message>
        <source>Write a copy of this database to hand to a colleague</source>
        <translation>寫出此資料庫的副本，交給同事</translation>
    </message>
    <message>
        <source>&amp;Merge a colleague's database…</source>
        <translation>合併同事的資料庫(&amp;M)…</translation>
    </message>
    <message>
        <source>Add a colleague's annotations to this database</source>
        <translation>將同事的批註加入此資料庫</translation>
    </message>
    <message>
        <source>&amp;Colleagues' annotations</source>
        <translation>同事的批註(&amp;C)</translation>
    </message>
    <message>
        <source>Show colleagues' tags, ratings, notes and highlights beside yours</source>
        <translation>在您的批註旁顯示同事的標籤、評分、筆記和標示</translation>
    </message>
    <message>
        <source>&amp;Agreement between analysts…</source>
        <translation>分析員之間的一致性(&amp;A)…</translation>
    </message>
    <message>
        <source>How far the analysts' ratings agree, and where they differ</source>
        <translation>分析員的評分有多一致，又在哪裡不同</translation>
    </message>
    <message>
        <source>Review merge &amp;conflicts…</source>
        <translation>審閱合併衝突(&amp;C)…</translation>
    </message>
    <message>
        <source>Texts both you and a colleague changed: keep mine, take theirs or keep both</source>
        <translation>您和同事都修改過的文字：保留我的、採用對方的或兩者都保留</translation>
    </message>
    <message>
        <source>Text as &amp;written</source>
        <translation>按原文顯示(&amp;W)</translation>
    </message>
    <message>
        <source>Text in &amp;Simplified Chinese</source>
        <translation>以簡體中文顯示(&amp;S)</translation>
    </message>
    <message>
        <source>Text in &amp;Traditional Chinese</source>
        <translation>以繁體中文顯示(&amp;T)</translation>
    </message>
    <message>
        <source>Clear rating</source>
        <translation>清除評分</translation>
    </message>
    <message>
        <source>Rate {value}</source>
        <translation>評分 {value}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近開啟(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>匯出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>Highlight in colour</source>
        <translation>按顏色標示</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>評分</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;text</source>
        <translation>文本顯示(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>報告(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Main tool bar</source>
        <translation>主工具欄</translation>
    </message>
    <message>
        <source>Move down / up the outline</source>
        <translation>在大綱中下移 / 上移</translation>
    </message>
    <message>
        <source>↓ / ↑,  J / K</source>
        <translation>↓ / ↑，J / K</translation>
    </message>
    <message>
        <source>Open / close a chapter</source>
        <translation>展開 / 摺疊章節</translation>
    </message>
    <message>
        <source>→ / ←</source>
        <translation>→ / ←</translation>
    </message>
    <message>
        <source>First / last node</source>
        <translation>第一個 / 最後一個節點</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>Rate the first dimension 1–5</source>
        <translation>為第一個維度評 1–5 分</translation>
    </message>
    <message>
        <source>Rate the second dimension 1–5</source>
        <translation>為第二個維度評 1–5 分</translation>
    </message>
    <message>
        <source>Rate the third dimension 1–5</source>
        <translation>為第三個維度評 1–5 分</translation>
    </message>
    <message>
        <source>Edit the stars of the current row</source>
        <translation>編輯當前行的星級</translation>
    </message>
    <message>
        <source>Bold / italic / underline in a note</source>
        <translation>筆記中的粗體 / 斜體 / 底線</translation>
    </message>
    <message>
        <source>Bullet / numbered list in a note</source>
        <translation>筆記中的專案符號 / 編號列表</translation>
    </message>
    <message>
        <source>Link in a note</source>
        <translation>筆記中的連結</translation>
    </message>
    <message>
        <source>About Trendmark</source>
        <translation>關於 Trendmark</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trendmark&lt;/b&gt; {version}&lt;br&gt;An outline and annotation editor for analysts reading long research reports.</source>
        <translation>&lt;b&gt;Trendmark&lt;/b&gt; {version}&lt;br&gt;為閱讀長篇研究報告的分析員打造的大綱與批註編輯器。</translation>
    </message>
</context>
<context>
    <name>MatrixDock</name>
    <message>
        <source>Trend matrix</source>
        <translation>趨勢矩陣</translation>
    </message>
    <message>
        <source>The dimension along the horizontal axis</source>
        <translation>橫軸上的維度</translation>
    </message>
    <message>
        <source>The dimension along the vertical axis</source>
        <translation>縱軸上的維度</translation>
    </message>
    <message>
        <source>What the size of a point shows</source>
        <translation>點的大小表示什麼</translation>
    </message>
    <message>
        <source>Whose ratings are averaged</source>
        <translation>取誰的評分平均</translation>
    </message>
    <message>
        <source>Quadrants…</source>
        <translation>象限…</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>儲存影像…</translation>
    </message>
    <message>
        <source>x</source>
        <translation>橫軸</translation>
    </message>
    <message>
        <source>y</source>
        <translation>縱軸</translation>
    </message>
    <message>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>整個團隊</translation>
    </message>
    <message>
        <source>Number of analysts</source>
        <translation>分析師人數</translation>
    </message>
    <message>
        <source>{shown} of {total} rated trends</source>
        <translation>已評分趨勢 {total} 箇中顯示 {shown} 個</translation>
    </message>
    <message>
        <source>Save the trend matrix</source>
        <translation>儲存趨勢矩陣</translation>
    </message>
    <message>
        <source>SVG image (*.svg);;PNG image (*.png)</source>
        <translation>SVG 影像 (*.svg);;PNG 影像 (*.png)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>儲存影像</translation>
    </message>
    <message>
        <source>Matrix quadrants</source>
        <translation>矩陣象限</translation>
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
        <translation>每一級畫網格線</translation>
    </message>
    <message>
        <source>&amp;Trend matrix</source>
        <translation>趨勢矩陣(&amp;T)</translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>Trend matrix</source>
        <translation>趨勢矩陣</translation>
    </message>
    <message>
        <source>No trend is rated on both dimensions yet.</source>
        <translation>還沒有趨勢在這兩個維度上都有評分。</translation>
    </message>
    <message>
        <source>{count} analyst(s)</source>
        <translation>{count} 位分析師</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge a colleague's database</source>
        <translation>合併同事的資料庫</translation>
    </message>
    <message>
        <source>Their notes, highlights, tags and ratings are added to this database. Where both of you changed the same text, both versions are kept for you to review. A backup copy is made first.</source>
        <translation>對方的筆記、標示、標籤和評分將加入此資料庫。若你們兩人修改了同一段文字，兩個版本都會保留供您審閱。合併前會先做一份備份。</translation>
    </message>
    <message>
        <source>Their database file (a copy made with Share)</source>
        <translation>對方的資料庫檔案（用“共享”儲存的副本）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Choose a file to see what merging it would change.</source>
        <translation>選擇一個檔案，檢視合併後會有哪些變化。</translation>
    </message>
    <message>
        <source>Accept the rating dimensions and scales this file changes</source>
        <translation>接受此檔案對評分維度和量表的更改</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合併</translation>
    </message>
    <message>
        <source>This database is read-only; nothing can be merged into it.</source>
        <translation>此資料庫為唯讀，無法合併任何內容。</translation>
    </message>
    <message>
        <source>Trendmark databases (*.sqlite *.db);;All files (*)</source>
        <translation>Trendmark 資料庫 (*.sqlite *.db);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>{count} text(s) were changed on both sides; both versions are kept. Review them now?</source>
        <translation>有 {count} 段文字在雙方都被修改過，兩個版本都已保留。現在審閱嗎？</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Your note on this part of the report…</source>
        <translation>寫下您對這部分報告的筆記…</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>粗體</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>斜體</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>底線</translation>
    </message>
    <message>
        <source>Bullet list</source>
        <translation>專案符號列表</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>編號列表</translation>
    </message>
    <message>
        <source>Text colour…</source>
        <translation>文字顏色…</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>連結…</translation>
    </message>
    <message>
        <source>Text colour</source>
        <translation>文字顏色</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>連結</translation>
    </message>
    <message>
        <source>Address (https://…):</source>
        <translation>地址（https://…）：</translation>
    </message>
    <message>
        <source>Note by {author}</source>
        <translation>{author} 的筆記</translation>
    </message>
</context>
<context>
    <name>Orphans</name>
    <message>
        <source>Re-attach highlight</source>
        <translation>重新附加標示</translation>
    </message>
    <message>
        <source>Discard orphan</source>
        <translation>捨棄孤立標示</translation>
    </message>
    <message>
        <source>Orphans</source>
        <translation>孤立標示</translation>
    </message>
    <message>
        <source>Re-attach to selection</source>
        <translation>附加到所選文字</translation>
    </message>
    <message>
        <source>Select the passage in the reading pane, then place this highlight on it</source>
        <translation>先在閱讀窗格中選擇段落，再將此標示放到其上</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>捨棄</translation>
    </message>
    <message>
        <source>{count} highlight(s) of the previous edition found no place in this one.</source>
        <translation>上一版中有 {count} 個標示在此版中找不到位置。</translation>
    </message>
    <message>
        <source>No orphans: every highlight found its place.</source>
        <translation>沒有孤立標示：每個標示都找到了位置。</translation>
    </message>
    <message>
        <source>Select the passage in the reading pane first, then re-attach the highlight.</source>
        <translation>請先在閱讀窗格中選擇段落，再重新附加標示。</translation>
    </message>
</context>
<context>
    <name>OutlineFilter</name>
    <message>
        <source>Filter titles, text, notes, comments…</source>
        <translation>篩選標題、正文、筆記、批註…</translation>
    </message>
    <message>
        <source>Show only nodes whose title, text, note or highlight comment contains this (Ctrl+F)</source>
        <translation>僅顯示標題、正文、筆記或標示批註中包含此文字的節點（Ctrl+F）</translation>
    </message>
    <message>
        <source>Show only nodes with this tag</source>
        <translation>僅顯示帶有此標籤的節點</translation>
    </message>
    <message>
        <source>Annotated</source>
        <translation>已批註</translation>
    </message>
    <message>
        <source>Show only nodes with tags, ratings, a note or highlights</source>
        <translation>僅顯示帶有標籤、評分、筆記或標示的節點</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評分</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意標籤</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>任意評分</translation>
    </message>
    <message>
        <source>{dimension} ≥ {value}</source>
        <translation>{dimension} ≥ {value}</translation>
    </message>
    <message>
        <source>Show only nodes you rated at least this</source>
        <translation>只顯示您評分不低於此值的節點</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <source>Rating</source>
        <translation>評分</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>大綱</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Notes and highlights</source>
        <translation>筆記與標示</translation>
    </message>
    <message>
        <source>{dimension}: {value} of {maximum} (your rating)</source>
        <translation>{dimension}：{value} / {maximum}（您的評分）</translation>
    </message>
    <message>
        <source>{dimension}: not rated — click a star or press 1–5</source>
        <translation>{dimension}：未評分 — 點選星星或按 1–5</translation>
    </message>
    <message>
        <source>Has a note</source>
        <translation>有筆記</translation>
    </message>
    <message>
        <source>{count} highlight(s)</source>
        <translation>{count} 處標示</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>Nothing matches the filter.</source>
        <translation>沒有符合篩選條件的內容。</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Yellow</source>
        <translation>黃色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>綠色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>藍色</translation>
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
        <translation>偏好設定</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language when you press OK.</source>
        <translation>按“確定”後，視窗將以新語言重新開啟。</translation>
    </message>
    <message>
        <source>Add dimension</source>
        <translation>新增評分維度</translation>
    </message>
    <message>
        <source>Double-click a name to rename it. The first dimension is the one shown in the outline and set with the keys 1–5.</source>
        <translation>雙擊名稱可重新命名。第一個維度顯示在大綱中，可用 1–5 鍵設定。</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>介面語言：</translation>
    </message>
    <message>
        <source>Rating dimensions:</source>
        <translation>評分維度：</translation>
    </message>
    <message>
        <source>New dimension</source>
        <translation>新維度</translation>
    </message>
</context>
<context>
    <name>RatingsEditor</name>
    <message>
        <source>Click a star to rate {dimension}; click it again to clear</source>
        <translation>點選星星為{dimension}評分；再次點選可清除</translation>
    </message>
    <message>
        <source>Colleagues' ratings</source>
        <translation>同事的評分</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>p. {page}</source>
        <translation>第 {page} 頁</translation>
    </message>
    <message>
        <source>No text for this point in the source.</source>
        <translation>原文中此要點沒有正文。</translation>
    </message>
    <message>
        <source>… and {count} more parts below this one; select a section in the outline to read on.</source>
        <translation>… 下面還有 {count} 個部分；請在大綱中選擇一節繼續閱讀。</translation>
    </message>
    <message>
        <source>Highlighted by {author}</source>
        <translation>由 {author} 標示</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>標示</translation>
    </message>
    <message>
        <source>Highlight selection</source>
        <translation>標示所選文字</translation>
    </message>
    <message>
        <source>Show highlight in inspector</source>
        <translation>在檢查器中顯示此標示</translation>
    </message>
    <message>
        <source>Highlight colour</source>
        <translation>標示顏色</translation>
    </message>
    <message>
        <source>Delete highlight</source>
        <translation>刪除標示</translation>
    </message>
</context>
<context>
    <name>ReportImporter</name>
    <message>
        <source>Reading {name}…</source>
        <translation>正在讀取 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Importing report</source>
        <translation>正在匯入報告</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>匯入失敗</translation>
    </message>
    <message>
        <source>Saving {title}…</source>
        <translation>正在儲存《{title}》…</translation>
    </message>
    <message>
        <source>{chapters} chapters, {sections} sections, {points} points.</source>
        <translation>{chapters} 章，{sections} 節，{points} 個要點。</translation>
    </message>
    <message>
        <source>This report was already in the database; nothing was changed.</source>
        <translation>該報告已在資料庫中，未做任何更改。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Local database (WAL)</source>
        <translation>本地資料庫（WAL）</translation>
    </message>
    <message>
        <source>A local disk: every change is written at once to a write-ahead log beside the database.</source>
        <translation>本地磁碟：每次更改都會立即寫入資料庫旁的預寫日誌。</translation>
    </message>
    <message>
        <source>Network drive: rollback journal</source>
        <translation>網路驅動器：回滾日誌</translation>
    </message>
    <message>
        <source>The database is on a network drive, where a write-ahead log is unsafe: changes use a rollback journal (slower saves). Let only one computer open it at a time.</source>
        <translation>資料庫位於網路驅動器上，在此使用預寫日誌並不安全：更改改用回滾日誌（儲存較慢）。請同一時間只讓一臺電腦開啟它。</translation>
    </message>
    <message>
        <source>In memory</source>
        <translation>記憶體中</translation>
    </message>
    <message>
        <source>Nothing is written to disk.</source>
        <translation>不會寫入磁碟。</translation>
    </message>
    <message>
        <source>Only your annotations</source>
        <translation>僅顯示您的批註</translation>
    </message>
    <message>
        <source>Colleagues' annotations are hidden (View › Colleagues' annotations)</source>
        <translation>同事的批註已隱藏（檢視 › 同事的批註）</translation>
    </message>
    <message>
        <source>{count} conflict(s) to review</source>
        <translation>{count} 處衝突待審閱</translation>
    </message>
    <message>
        <source>Texts a merge found changed on both sides: click to review them</source>
        <translation>合併時發現雙方都改過的文本：點選審閱</translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation>（記憶體中）</translation>
    </message>
    <message>
        <source>{path} (read-only)</source>
        <translation>{path}（唯讀）</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>資料庫：{path}</translation>
    </message>
    <message>
        <source>Analyst: {name}</source>
        <translation>分析員：{name}</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>Added by {names}</source>
        <translation>新增者：{names}</translation>
    </message>
    <message>
        <source>Remove tag “{tag}”</source>
        <translation>移除標籤“{tag}”</translation>
    </message>
    <message>
        <source>No tags yet</source>
        <translation>暫無標籤</translation>
    </message>
    <message>
        <source>Add a tag and press Enter…</source>
        <translation>輸入標籤後按回車…</translation>
    </message>
</context>
<context><name>PdfExport</name><message><source>Analysts:</source><translation>分析員：</translation></message><message><source>Annotated &amp;PDF…</source><translation>帶批註的 PDF(&amp;P)…</translation></message><message><source>Any rating</source><translation>任意評分</translation></message><message><source>As written</source><translation>按原文</translation></message><message><source>Browse…</source><translation>瀏覽…</translation></message><message><source>Cancel</source><translation>取消</translation></message><message><source>Chapters, sections and points keep their ancestors, so the outline stays whole; no tag ticked means every node.</source><translation>章、節和要點會保留其上級，使大綱保持完整；不勾選任何標籤即包括所有節點。</translation></message><message><source>Choose the file to write.</source><translation>請選擇要寫入的檔案。</translation></message><message><source>Export</source><translation>匯出</translation></message><message><source>Export annotated PDF</source><translation>匯出帶批註的 PDF</translation></message><message><source>Exported {path}</source><translation>已匯出 {path}</translation></message><message><source>Exporting PDF</source><translation>正在匯出 PDF</translation></message><message><source>File:</source><translation>檔案：</translation></message><message><source>Import or open a report first.</source><translation>請先匯入或開啟一份報告。</translation></message><message><source>Minimum rating:</source><translation>最低評分：</translation></message><message><source>Nodes:</source><translation>節點：</translation></message><message><source>Only my annotations</source><translation>僅我的批註</translation></message><message><source>Only nodes with annotations</source><translation>僅有批註的節點</translation></message><message><source>Open the PDF when it is ready</source><translation>完成後開啟 PDF</translation></message><message><source>PDF export failed</source><translation>PDF 匯出失敗</translation></message><message><source>PDF files (*.pdf)</source><translation>PDF 檔案 (*.pdf)</translation></message><message><source>Page size:</source><translation>紙張大小：</translation></message><message><source>Report text:</source><translation>報告文本：</translation></message><message><source>Simplified Chinese</source><translation>簡體中文</translation></message><message><source>Tagged with any of:</source><translation>帶有以下任一標籤：</translation></message><message><source>The PDF could not be written: {error}</source><translation>無法寫入 PDF：{error}</translation></message><message><source>The folder cannot be created: {error}</source><translation>無法建立資料夾：{error}</translation></message><message><source>The folder {folder} cannot be written here; choose another.</source><translation>無法在此寫入資料夾 {folder}，請另選。</translation></message><message><source>The folder {folder} will be created.</source><translation>將建立資料夾 {folder}。</translation></message><message><source>Traditional Chinese</source><translation>繁體中文</translation></message><message><source>Write the report with its tags, ratings, notes and highlights as a PDF</source><translation>將報告連同標籤、評分、筆記和標示寫成 PDF</translation></message><message><source>Writing {name}…</source><translation>正在寫入 {name}…</translation></message></context></TS>