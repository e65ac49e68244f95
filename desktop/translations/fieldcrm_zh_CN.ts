<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AccountDetailView</name>
    <message>
      <source>← All accounts</source>
      <translation>← 全部客户</translation>
    </message>
    <message>
      <source>Log visit…</source>
      <translation>记录拜访…</translation>
    </message>
    <message>
      <source>Plan visit…</source>
      <translation>计划拜访…</translation>
    </message>
    <message>
      <source>Add contact…</source>
      <translation>添加联系人…</translation>
    </message>
    <message>
      <source>Add opportunity…</source>
      <translation>添加商机…</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Contacts</source>
      <translation>联系人</translation>
    </message>
    <message>
      <source>Visits</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <source>History</source>
      <translation>历史记录</translation>
    </message>
    <message>
      <source>You have arrived: the visit starts now</source>
      <translation>您已到达：拜访现在开始</translation>
    </message>
    <message>
      <source>Outcome, notes and the next step</source>
      <translation>结果、备注和下一步</translation>
    </message>
    <message>
      <source>Move the visit to another time</source>
      <translation>将拜访改到其他时间</translation>
    </message>
    <message>
      <source>The visit will not take place</source>
      <translation>该拜访将不会进行</translation>
    </message>
    <message>
      <source>That record is no longer on this computer.</source>
      <translation>本机上已没有该记录。</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <source>End…</source>
      <translation>结束…</translation>
    </message>
    <message>
      <source>Reschedule…</source>
      <translation>改期…</translation>
    </message>
    <message>
      <source>Cancel visit</source>
      <translation>取消拜访</translation>
    </message>
    <message>
      <source>Contacts ({count})</source>
      <translation>联系人（{count}）</translation>
    </message>
    <message>
      <source>Visits ({count})</source>
      <translation>拜访（{count}）</translation>
    </message>
    <message>
      <source>Opportunities ({count})</source>
      <translation>商机（{count}）</translation>
    </message>
  </context>
  <context>
    <name>AccountForm</name>
    <message>
      <source>Prospect</source>
      <translation>潜在客户</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>活跃</translation>
    </message>
    <message>
      <source>Inactive</source>
      <translation>不活跃</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <source>Street</source>
      <translation>街道</translation>
    </message>
    <message>
      <source>City</source>
      <translation>城市</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>省/地区</translation>
    </message>
    <message>
      <source>Postal code</source>
      <translation>邮政编码</translation>
    </message>
    <message>
      <source>Country (ISO)</source>
      <translation>国家（ISO）</translation>
    </message>
    <message>
      <source>Automatic: A, B or C from won revenue of the last 12 months. Choose a tier to set it by hand.</source>
      <translation>自动：根据最近 12 个月的赢单收入确定为 A、B 或 C 级。选择一个级别可手动设置。</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>级别</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Annual revenue</source>
      <translation>年收入</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>e.g. 12,500,000.00</source>
      <translation>例如 12,500,000.00</translation>
    </message>
    <message>
      <source>Saved on this computer.</source>
      <translation>已保存在本机。</translation>
    </message>
    <message>
      <source>No changes.</source>
      <translation>没有更改。</translation>
    </message>
    <message>
      <source>Automatic</source>
      <translation>自动</translation>
    </message>
  </context>
  <context>
    <name>AccountHeader</name>
    <message numerus="yes">
      <source>%n days ago</source>
      <translation>
        <numerusform>%n 天前</numerusform>
      </translation>
    </message>
    <message>
      <source>today</source>
      <translation>今天</translation>
    </message>
    <message>
      <source>yesterday</source>
      <translation>昨天</translation>
    </message>
    <message>
      <source>Never visited</source>
      <translation>从未拜访</translation>
    </message>
    <message>
      <source>None planned</source>
      <translation>暂无计划</translation>
    </message>
    <message>
      <source>No open deals</source>
      <translation>无</translation>
    </message>
    <message>
      <source>{date} ({ago})</source>
      <translation>{date}（{ago}）</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <source>Last visit</source>
      <translation>上次拜访</translation>
    </message>
    <message>
      <source>Next visit</source>
      <translation>下次拜访</translation>
    </message>
    <message>
      <source>Open pipeline</source>
      <translation>进行中的商机</translation>
    </message>
    <message>
      <source>Open tasks</source>
      <translation>未完成任务</translation>
    </message>
    <message>
      <source>Nobody</source>
      <translation>无</translation>
    </message>
  </context>
  <context>
    <name>AccountTabs</name>
    <message>
      <source>Planned</source>
      <translation>已计划</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>进行中</translation>
    </message>
    <message>
      <source>Completed</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>Positive</source>
      <translation>积极</translation>
    </message>
    <message>
      <source>Neutral</source>
      <translation>一般</translation>
    </message>
    <message>
      <source>Negative</source>
      <translation>消极</translation>
    </message>
    <message>
      <source>No show</source>
      <translation>未见到客户</translation>
    </message>
    <message>
      <source>Prospecting</source>
      <translation>初步接洽</translation>
    </message>
    <message>
      <source>Qualification</source>
      <translation>需求确认</translation>
    </message>
    <message>
      <source>Proposal</source>
      <translation>方案报价</translation>
    </message>
    <message>
      <source>Negotiation</source>
      <translation>商务谈判</translation>
    </message>
    <message>
      <source>Won</source>
      <translation>赢单</translation>
    </message>
    <message>
      <source>Lost</source>
      <translation>输单</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>职务</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>目的</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Prob.</source>
      <translation>赢率</translation>
    </message>
    <message>
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
  </context>
  <context>
    <name>AccountsView</name>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>级别</translation>
    </message>
    <message>
      <source>City</source>
      <translation>城市</translation>
    </message>
    <message>
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>1 account</source>
      <translation>1 个客户</translation>
    </message>
    <message>
      <source>Show accounts of one tier</source>
      <translation>只显示某一级别的客户</translation>
    </message>
    <message>
      <source>New account…</source>
      <translation>新建客户…</translation>
    </message>
    <message>
      <source>{count} accounts</source>
      <translation>{count} 个客户</translation>
    </message>
    <message>
      <source>Search name, city or phone — 中文 or English</source>
      <translation>搜索名称、城市或电话 — 中文或英文</translation>
    </message>
  </context>
  <context>
    <name>CadenceEditor</name>
    <message>
      <source>Visit cadence</source>
      <translation>拜访频率</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Save (Ctrl+Enter)</source>
      <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>How often customers of each tier should be visited. Today lists the customers whose last visit is longer ago than this.</source>
      <translation>各级别客户应多久拜访一次。“今日”会列出上次拜访距今已超过该天数的客户。</translation>
    </message>
    <message>
      <source>visit every</source>
      <translation>拜访间隔</translation>
    </message>
    <message>
      <source>days</source>
      <translation>天</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Only managers can change the visit cadence.</source>
      <translation>只有经理可以修改拜访频率。</translation>
    </message>
    <message>
      <source>These are the built-in defaults: no cadence has reached this computer from the server yet.</source>
      <translation>这些是内置默认值：本机尚未从服务器收到任何拜访频率。</translation>
    </message>
    <message>
      <source>Tier {tier}: visit every N days</source>
      <translation>{tier} 级：每 N 天拜访一次</translation>
    </message>
    <message>
      <source>Tier {tier}</source>
      <translation>{tier} 级</translation>
    </message>
    <message>
      <source>no cadence</source>
      <translation>不设频率</translation>
    </message>
    <message>
      <source>Your last change has not been sent yet; it reaches every device with the next sync.</source>
      <translation>您上次的更改尚未发送；下次同步时将送达所有设备。</translation>
    </message>
    <message>
      <source>A change reaches every device with the next sync.</source>
      <translation>更改将在下次同步时送达所有设备。</translation>
    </message>
  </context>
  <context>
    <name>ConflictDetail</name>
    <message>
      <source>kept now</source>
      <translation>当前保留</translation>
    </message>
    <message>
      <source>overridden</source>
      <translation>已被覆盖</translation>
    </message>
    <message>
      <source>kept now: both texts</source>
      <translation>当前保留：两段文字都保留</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <source>Theirs</source>
      <translation>对方的</translation>
    </message>
    <message>
      <source>Kept value</source>
      <translation>保留的值</translation>
    </message>
    <message>
      <source>Overridden value</source>
      <translation>被覆盖的值</translation>
    </message>
    <message>
      <source>{side} — {by} ({state})</source>
      <translation>{side} — {by}（{state}）</translation>
    </message>
    <message>
      <source>Merged text (edit before saving):</source>
      <translation>合并后的文字（保存前可编辑）：</translation>
    </message>
    <message>
      <source>Keep mine</source>
      <translation>保留我的</translation>
    </message>
    <message>
      <source>Keep theirs</source>
      <translation>保留对方的</translation>
    </message>
    <message>
      <source>Merge both</source>
      <translation>合并两者</translation>
    </message>
    <message>
      <source>Resolved on this computer; it clears on every device after the next sync.</source>
      <translation>已在本机解决；下次同步后将在所有设备上清除。</translation>
    </message>
    <message>
      <source>{user}, {when}</source>
      <translation>{user}，{when}</translation>
    </message>
    <message>
      <source>Field: {field}</source>
      <translation>字段：{field}</translation>
    </message>
    <message>
      <source>Restore overridden value</source>
      <translation>恢复被覆盖的值</translation>
    </message>
    <message>
      <source>Keep current value</source>
      <translation>保留当前值</translation>
    </message>
    <message>
      <source>Select a conflict to resolve it.</source>
      <translation>选择一个冲突以解决。</translation>
    </message>
  </context>
  <context>
    <name>ConflictsModel</name>
    <message>
      <source>{record} ({kind})</source>
      <translation>{record}（{kind}）</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <source>Theirs</source>
      <translation>对方的</translation>
    </message>
    <message>
      <source>Their edit by</source>
      <translation>对方修改人</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
  </context>
  <context>
    <name>ConflictsView</name>
    <message>
      <source>When two people change the same field at the same time, one value is kept and the other is listed here, so nothing is lost. Pick the value that is right; your choice syncs to every device.</source>
      <translation>当两个人同时修改同一字段时，会保留其中一个值，另一个值列在这里，因此不会丢失任何内容。请选择正确的值；您的选择会同步到所有设备。</translation>
    </message>
    <message>
      <source>No conflicts. Everything you and your colleagues changed was merged without a race.</source>
      <translation>没有冲突。您和同事所做的所有更改均已顺利合并。</translation>
    </message>
  </context>
  <context>
    <name>ContactDialog</name>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Job title</source>
      <translation>职务</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Mobile</source>
      <translation>手机</translation>
    </message>
    <message>
      <source>Edit contact</source>
      <translation>编辑联系人</translation>
    </message>
    <message>
      <source>New contact</source>
      <translation>新建联系人</translation>
    </message>
    <message>
      <source>Primary contact of this account</source>
      <translation>该客户的主要联系人</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>DuplicatePrompt</name>
    <message>
      <source>Possible duplicate</source>
      <translation>可能重复</translation>
    </message>
    <message>
      <source>This account may already exist</source>
      <translation>该客户可能已存在</translation>
    </message>
    <message>
      <source>This contact may already exist</source>
      <translation>该联系人可能已存在</translation>
    </message>
    <message>
      <source>Open existing</source>
      <translation>打开已有记录</translation>
    </message>
    <message>
      <source>Create anyway</source>
      <translation>仍然创建</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>City · phone</source>
      <translation>城市 · 电话</translation>
    </message>
    <message>
      <source>Job title · account · phone or email</source>
      <translation>职务 · 客户 · 电话或电子邮箱</translation>
    </message>
    <message>
      <source>An account on this computer looks like “{name}”.</source>
      <translation>本机上有 1 个客户与“{name}”相似。</translation>
    </message>
    <message numerus="yes">
      <source>%n accounts on this computer look like “{name}”.</source>
      <translation>
        <numerusform>本机上有 %n 个客户与“{name}”相似。</numerusform>
      </translation>
    </message>
    <message>
      <source>A contact on this computer looks like “{name}”.</source>
      <translation>本机上有 1 个联系人与“{name}”相似。</translation>
    </message>
    <message numerus="yes">
      <source>%n contacts on this computer look like “{name}”.</source>
      <translation>
        <numerusform>本机上有 %n 个联系人与“{name}”相似。</numerusform>
      </translation>
    </message>
    <message>
      <source>Open the existing one instead of creating a second copy?</source>
      <translation>是否打开已有记录，而不是再创建一份？</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Why it looks the same</source>
      <translation>相似原因</translation>
    </message>
  </context>
  <context>
    <name>FixEditor</name>
    <message>
      <source>This {kind} is no longer on this computer; discard the change.</source>
      <translation>本机上已没有此{kind}；请放弃该更改。</translation>
    </message>
    <message>
      <source>A refused {kind} change cannot be edited; discard it and make the change again.</source>
      <translation>被拒绝的{kind}更改无法编辑；请放弃该更改后重新修改。</translation>
    </message>
  </context>
  <context>
    <name>HistoryDialog</name>
    <message>
      <source>History — {title}</source>
      <translation>历史记录 — {title}</translation>
    </message>
  </context>
  <context>
    <name>HistoryView</name>
    <message>
      <source>History is kept on the FieldCRM server, so it needs a connection. Everything else keeps working offline; try again when you are back online.</source>
      <translation>历史记录保存在 FieldCRM 服务器上，因此需要联网。其他功能在离线时仍可正常使用；请在恢复在线后重试。</translation>
    </message>
    <message>
      <source>This record is not on the server yet, so it has no history there. Its history starts once it has synced.</source>
      <translation>该记录尚未上传到服务器，因此服务器上还没有它的历史记录。同步之后才会开始记录历史。</translation>
    </message>
    <message numerus="yes">
      <source>%n changes recorded on the server, newest first.</source>
      <translation>
        <numerusform>服务器上记录了 %n 项更改，最新的在前。</numerusform>
      </translation>
    </message>
    <message>
      <source>No changes recorded on the server yet.</source>
      <translation>服务器上尚无更改记录。</translation>
    </message>
    <message>
      <source>1 change recorded on the server.</source>
      <translation>服务器上记录了 1 项更改。</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>Old value</source>
      <translation>原值</translation>
    </message>
    <message>
      <source>New value</source>
      <translation>新值</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>Loading history from the server…</source>
      <translation>正在从服务器加载历史记录…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Sync report copied to the clipboard — paste it into a message to IT.</source>
      <translation>同步报告已复制到剪贴板 — 请粘贴到发给 IT 的消息中。</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>今日</translation>
    </message>
    <message>
      <source>Accounts</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Pipeline</source>
      <translation>销售漏斗</translation>
    </message>
    <message>
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>My tasks</source>
      <translation>我的任务</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>Outbox</source>
      <translation>发件箱</translation>
    </message>
    <message>
      <source>&amp;FieldCRM</source>
      <translation>FieldCRM(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;New account…</source>
      <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
      <source>&amp;Log visit…</source>
      <translation>记录拜访(&amp;L)…</translation>
    </message>
    <message>
      <source>&amp;Plan visit…</source>
      <translation>计划拜访(&amp;P)…</translation>
    </message>
    <message>
      <source>&amp;Sync now</source>
      <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
      <source>S&amp;ettings…</source>
      <translation>设置(&amp;E)…</translation>
    </message>
    <message>
      <source>Visit &amp;cadence…</source>
      <translation>拜访频率(&amp;C)…</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Go</source>
      <translation>转到(&amp;G)</translation>
    </message>
    <message>
      <source>&amp;Search…</source>
      <translation>搜索(&amp;S)…</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
      <source>&amp;Copy sync report</source>
      <translation>复制同步报告(&amp;C)</translation>
    </message>
    <message>
      <source>{pending} waiting to send, {rejected} refused by the server</source>
      <translation>{pending} 项待发送，{rejected} 项被服务器拒绝</translation>
    </message>
    <message>
      <source>{title}: {text}</source>
      <translation>{title}：{text}</translation>
    </message>
    <message>
      <source>({total}, {rejected} refused)</source>
      <translation>（{total}，{rejected} 被拒）</translation>
    </message>
    <message>
      <source>Could not build the sync report: {reason}</source>
      <translation>无法生成同步报告：{reason}</translation>
    </message>
  </context>
  <context>
    <name>Messages</name>
    <message>
      <source>Only managers can change the visit cadence.</source>
      <translation>只有经理可以修改拜访频率。</translation>
    </message>
    <message>
      <source>Enter a whole number of days.</source>
      <translation>请输入整数天数。</translation>
    </message>
    <message>
      <source>A visit cadence must be from 1 to {max} days.</source>
      <translation>拜访频率必须在 1 到 {max} 天之间。</translation>
    </message>
    <message>
      <source>There is no tier {tier}.</source>
      <translation>不存在 {tier} 级。</translation>
    </message>
    <message>
      <source>This conflict is already resolved or no longer on this computer.</source>
      <translation>该冲突已解决，或本机上已没有该冲突。</translation>
    </message>
    <message>
      <source>{field} cannot be merged; keep one of the two values.</source>
      <translation>{field}无法合并；请保留两个值中的一个。</translation>
    </message>
    <message>
      <source>This conflict was resolved meanwhile.</source>
      <translation>该冲突已在此期间被解决。</translation>
    </message>
    <message>
      <source>Only the office can change {field}.</source>
      <translation>只有总部可以修改{field}。</translation>
    </message>
    <message>
      <source>This record was deleted meanwhile; it cannot be kept.</source>
      <translation>该记录已在此期间被删除，无法保留。</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>联系人</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Conflict</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>User</source>
      <translation>用户</translation>
    </message>
    <message>
      <source>Territory</source>
      <translation>区域</translation>
    </message>
    <message>
      <source>account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>contact</source>
      <translation>联系人</translation>
    </message>
    <message>
      <source>visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>conflict</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>user</source>
      <translation>用户</translation>
    </message>
    <message>
      <source>territory</source>
      <translation>区域</translation>
    </message>
    <message>
      <source>Annual revenue</source>
      <translation>年收入</translation>
    </message>
    <message>
      <source>Credit limit</source>
      <translation>信用额度</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Postal code</source>
      <translation>邮政编码</translation>
    </message>
    <message>
      <source>Country</source>
      <translation>国家</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <source>Parent account</source>
      <translation>上级客户</translation>
    </message>
    <message>
      <source>Contacts present</source>
      <translation>在场联系人</translation>
    </message>
    <message>
      <source>Primary contact</source>
      <translation>主要联系人</translation>
    </message>
    <message>
      <source>Planned start</source>
      <translation>计划开始</translation>
    </message>
    <message>
      <source>Planned end</source>
      <translation>计划结束</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <source>End</source>
      <translation>结束</translation>
    </message>
    <message>
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <source>Due date</source>
      <translation>到期日期</translation>
    </message>
    <message>
      <source>Completed</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>标题/职务</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>已删除</translation>
    </message>
    <message>
      <source>Resolved by</source>
      <translation>解决人</translation>
    </message>
    <message>
      <source>Username</source>
      <translation>用户名</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Mobile</source>
      <translation>手机</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>活跃</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>省/地区</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>级别</translation>
    </message>
    <message>
      <source>Tier manual</source>
      <translation>手动设置级别</translation>
    </message>
    <message>
      <source>Days</source>
      <translation>天数</translation>
    </message>
    <message>
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <source>Street</source>
      <translation>街道</translation>
    </message>
    <message>
      <source>City</source>
      <translation>城市</translation>
    </message>
    <message>
      <source>Currency</source>
      <translation>币种</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>目的</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>地点</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <source>Probability</source>
      <translation>赢率</translation>
    </message>
    <message>
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <source>Resolution</source>
      <translation>处理方式</translation>
    </message>
    <message>
      <source>Prospect</source>
      <translation>潜在客户</translation>
    </message>
    <message>
      <source>Inactive</source>
      <translation>不活跃</translation>
    </message>
    <message>
      <source>Planned</source>
      <translation>已计划</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>进行中</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>Positive</source>
      <translation>积极</translation>
    </message>
    <message>
      <source>Neutral</source>
      <translation>一般</translation>
    </message>
    <message>
      <source>Negative</source>
      <translation>消极</translation>
    </message>
    <message>
      <source>No show</source>
      <translation>未见到客户</translation>
    </message>
    <message>
      <source>Prospecting</source>
      <translation>初步接洽</translation>
    </message>
    <message>
      <source>Qualification</source>
      <translation>需求确认</translation>
    </message>
    <message>
      <source>Proposal</source>
      <translation>方案报价</translation>
    </message>
    <message>
      <source>Negotiation</source>
      <translation>商务谈判</translation>
    </message>
    <message>
      <source>Won</source>
      <translation>赢单</translation>
    </message>
    <message>
      <source>Lost</source>
      <translation>输单</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>待处理</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Low</source>
      <translation>低</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>普通</translation>
    </message>
    <message>
      <source>High</source>
      <translation>高</translation>
    </message>
    <message>
      <source>Resolved</source>
      <translation>已解决</translation>
    </message>
    <message>
      <source>Rep</source>
      <translation>销售代表</translation>
    </message>
    <message>
      <source>Manager</source>
      <translation>经理</translation>
    </message>
    <message>
      <source>Admin</source>
      <translation>管理员</translation>
    </message>
    <message>
      <source>Keep mine</source>
      <translation>保留我的</translation>
    </message>
    <message>
      <source>Keep theirs</source>
      <translation>保留对方的</translation>
    </message>
    <message>
      <source>Merged</source>
      <translation>已合并</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <source>this computer</source>
      <translation>本机</translation>
    </message>
    <message>
      <source>server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <source>device {device_id}</source>
      <translation>设备 {device_id}</translation>
    </message>
    <message>
      <source>Amounts have at most two decimal places.</source>
      <translation>金额最多保留两位小数。</translation>
    </message>
    <message>
      <source>“{text}” is not an amount (e.g. 12,500.00).</source>
      <translation>“{text}”不是有效的金额（例如 12,500.00）。</translation>
    </message>
    <message>
      <source>the office</source>
      <translation>总部</translation>
    </message>
    <message>
      <source>someone</source>
      <translation>某用户</translation>
    </message>
    <message>
      <source>The server refused this change.</source>
      <translation>服务器拒绝了此更改。</translation>
    </message>
    <message>
      <source>This change is no longer in the outbox.</source>
      <translation>此更改已不在发件箱中。</translation>
    </message>
    <message>
      <source>This change is still waiting to be sent; only refused changes can be fixed or discarded.</source>
      <translation>此更改仍在等待发送；只有被拒绝的更改才能修正或放弃。</translation>
    </message>
    <message>
      <source>{field}: {value}</source>
      <translation>{field}：{value}</translation>
    </message>
    <message>
      <source>New {record}: {changes}</source>
      <translation>新建{record}：{changes}</translation>
    </message>
    <message>
      <source>This change was sent or discarded meanwhile.</source>
      <translation>此更改已在此期间被发送或放弃。</translation>
    </message>
    <message>
      <source>+{count} more</source>
      <translation>另有 {count} 项</translation>
    </message>
    <message>
      <source>This {record} no longer exists on this computer.</source>
      <translation>本机上已不存在此{record}。</translation>
    </message>
    <message>
      <source>planned</source>
      <translation>已计划</translation>
    </message>
    <message>
      <source>in_progress</source>
      <translation>进行中</translation>
    </message>
    <message>
      <source>completed</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>positive</source>
      <translation>积极</translation>
    </message>
    <message>
      <source>neutral</source>
      <translation>一般</translation>
    </message>
    <message>
      <source>negative</source>
      <translation>消极</translation>
    </message>
    <message>
      <source>no_show</source>
      <translation>未见到客户</translation>
    </message>
    <message>
      <source>prospecting</source>
      <translation>初步接洽</translation>
    </message>
    <message>
      <source>qualification</source>
      <translation>需求确认</translation>
    </message>
    <message>
      <source>proposal</source>
      <translation>方案报价</translation>
    </message>
    <message>
      <source>negotiation</source>
      <translation>商务谈判</translation>
    </message>
    <message>
      <source>won</source>
      <translation>赢单</translation>
    </message>
    <message>
      <source>lost</source>
      <translation>输单</translation>
    </message>
    <message>
      <source>open</source>
      <translation>待处理</translation>
    </message>
    <message>
      <source>done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>due {date}</source>
      <translation>{date} 到期</translation>
    </message>
    <message>
      <source>created · {stage}</source>
      <translation>已创建 · {stage}</translation>
    </message>
    <message>
      <source>Moved to {stage}</source>
      <translation>移至{stage}</translation>
    </message>
    <message>
      <source>Introduction</source>
      <translation>初次介绍</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>跟进</translation>
    </message>
    <message>
      <source>Product demo</source>
      <translation>产品演示</translation>
    </message>
    <message>
      <source>Quotation</source>
      <translation>报价</translation>
    </message>
    <message>
      <source>Quarterly review</source>
      <translation>季度回顾</translation>
    </message>
    <message>
      <source>Complaint handling</source>
      <translation>投诉处理</translation>
    </message>
    <message>
      <source>Payment collection</source>
      <translation>回款催收</translation>
    </message>
    <message>
      <source>Relationship visit</source>
      <translation>客情维护</translation>
    </message>
    <message>
      <source>Customer not available</source>
      <translation>客户不在</translation>
    </message>
    <message>
      <source>Only a planned visit can be started.</source>
      <translation>只有已计划的拜访才能开始。</translation>
    </message>
    <message>
      <source>This visit is already closed.</source>
      <translation>该拜访已结束。</translation>
    </message>
    <message>
      <source>Only a planned visit can be cancelled.</source>
      <translation>只有已计划的拜访才能取消。</translation>
    </message>
    <message>
      <source>Only a visit that has not taken place can be rescheduled.</source>
      <translation>只有尚未进行的拜访才能改期。</translation>
    </message>
    <message>
      <source>The user name or password is not correct.</source>
      <translation>用户名或密码不正确。</translation>
    </message>
    <message>
      <source>Something went wrong. Your changes are kept; please try again.</source>
      <translation>出现问题。您的更改已保留，请重试。</translation>
    </message>
    <message>
      <source>This record is no longer in your territory, so the change was not accepted.</source>
      <translation>该记录已不在您的区域内，因此更改未被接受。</translation>
    </message>
    <message>
      <source>The record this belongs to no longer exists on the server.</source>
      <translation>其所属的记录在服务器上已不存在。</translation>
    </message>
    <message>
      <source>Only the office can change this field.</source>
      <translation>只有总部可以修改此字段。</translation>
    </message>
    <message>
      <source>You are not allowed to make this change.</source>
      <translation>您无权进行此更改。</translation>
    </message>
    <message>
      <source>The server does not know this kind of record. Please update FieldCRM.</source>
      <translation>服务器无法识别此类记录。请更新 FieldCRM。</translation>
    </message>
    <message>
      <source>The server does not know this field. Please update FieldCRM.</source>
      <translation>服务器无法识别此字段。请更新 FieldCRM。</translation>
    </message>
    <message>
      <source>Cannot reach the FieldCRM server. You can keep working offline; changes will sync when the connection is back.</source>
      <translation>无法连接 FieldCRM 服务器。您可以继续离线工作；连接恢复后更改将自动同步。</translation>
    </message>
    <message>
      <source>Your sign-in has expired. Please sign in again.</source>
      <translation>您的登录已过期，请重新登录。</translation>
    </message>
    <message>
      <source>This version of FieldCRM is too old for the server. Please update; your unsynced changes are kept.</source>
      <translation>此版本的 FieldCRM 过旧，服务器不再支持。请更新；您未同步的更改会保留。</translation>
    </message>
    <message>
      <source>This laptop was offline longer than the server keeps deleted records; FieldCRM will download your territory again. Your unsynced changes are kept.</source>
      <translation>本机离线时间超过了服务器保留已删除记录的期限；FieldCRM 将重新下载您区域内的数据。您未同步的更改会保留。</translation>
    </message>
    <message>
      <source>The FieldCRM server had a problem. Your changes are kept; sync will try again later.</source>
      <translation>FieldCRM 服务器出现问题。您的更改已保留；稍后将重新同步。</translation>
    </message>
    <message>
      <source>FieldCRM could not read or write its local data. Check that the disk is not full.</source>
      <translation>FieldCRM 无法读写本地数据。请检查磁盘是否已满。</translation>
    </message>
    <message>
      <source>The server refused the change.</source>
      <translation>服务器拒绝了该更改。</translation>
    </message>
    <message>
      <source>This computer's access was revoked. Please contact your administrator.</source>
      <translation>本机的访问权限已被撤销。请联系管理员。</translation>
    </message>
    <message>
      <source>{reason} ({server_message})</source>
      <translation>{reason}（{server_message}）</translation>
    </message>
    <message>
      <source>Please enter the server address, your user name and password.</source>
      <translation>请输入服务器地址、用户名和密码。</translation>
    </message>
    <message>
      <source>Cannot reach the FieldCRM server, and you have not signed in on this computer before. The first sign-in needs a connection.</source>
      <translation>无法连接 FieldCRM 服务器，且您之前从未在本机登录过。首次登录需要联网。</translation>
    </message>
    <message>
      <source>Same name</source>
      <translation>名称相同</translation>
    </message>
    <message>
      <source>Similar name ({percent} %)</source>
      <translation>名称相似（{percent}%）</translation>
    </message>
    <message>
      <source>Same phone number</source>
      <translation>电话号码相同</translation>
    </message>
    <message>
      <source>Same email address</source>
      <translation>电子邮箱相同</translation>
    </message>
    <message>
      <source>Never refreshed from the server</source>
      <translation>从未从服务器刷新</translation>
    </message>
    <message>
      <source>Last refreshed {ago}</source>
      <translation>上次刷新：{ago}</translation>
    </message>
    <message>
      <source>{days} days ago</source>
      <translation>{days} 天前</translation>
    </message>
    <message>
      <source>No contacts on this laptop</source>
      <translation>本机上没有联系人</translation>
    </message>
    <message>
      <source>No earlier visits on this laptop</source>
      <translation>本机上没有以往的拜访</translation>
    </message>
    <message>
      <source>The account is not on this laptop</source>
      <translation>本机上没有该客户</translation>
    </message>
    <message>
      <source>{minutes} minute ago</source>
      <translation>{minutes} 分钟前</translation>
    </message>
    <message>
      <source>{minutes} minutes ago</source>
      <translation>{minutes} 分钟前</translation>
    </message>
    <message>
      <source>{hours} hour ago</source>
      <translation>{hours} 小时前</translation>
    </message>
    <message>
      <source>{hours} hours ago</source>
      <translation>{hours} 小时前</translation>
    </message>
    <message>
      <source>Account name</source>
      <translation>客户名称</translation>
    </message>
    <message>
      <source>Country code</source>
      <translation>国家代码</translation>
    </message>
    <message>
      <source>Visit status</source>
      <translation>拜访状态</translation>
    </message>
    <message>
      <source>The planned end is before the planned start.</source>
      <translation>计划结束时间早于计划开始时间。</translation>
    </message>
    <message>
      <source>The visit ends before it starts.</source>
      <translation>拜访的结束时间早于开始时间。</translation>
    </message>
    <message>
      <source>Opportunity name</source>
      <translation>商机名称</translation>
    </message>
    <message>
      <source>Task title</source>
      <translation>任务标题</translation>
    </message>
    <message>
      <source>Task status</source>
      <translation>任务状态</translation>
    </message>
    <message>
      <source>Conflict status</source>
      <translation>冲突状态</translation>
    </message>
    <message>
      <source>Territory name</source>
      <translation>区域名称</translation>
    </message>
    <message>
      <source>An account cannot be its own parent.</source>
      <translation>客户不能是自己的上级客户。</translation>
    </message>
    <message>
      <source>Contact name</source>
      <translation>联系人姓名</translation>
    </message>
    <message>
      <source>A planned visit needs a date and time.</source>
      <translation>计划的拜访需要日期和时间。</translation>
    </message>
    <message>
      <source>A completed visit needs the time it took place.</source>
      <translation>已完成的拜访需要填写实际拜访时间。</translation>
    </message>
    <message>
      <source>Contacts present must be a list of contacts.</source>
      <translation>在场联系人必须是联系人列表。</translation>
    </message>
    <message>
      <source>Probability must be between 0 and 100 %.</source>
      <translation>赢率必须介于 0 到 100% 之间。</translation>
    </message>
    <message>
      <source>A task without an account needs someone assigned.</source>
      <translation>未关联客户的任务必须指定负责人。</translation>
    </message>
    <message>
      <source>{field} is required.</source>
      <translation>{field}为必填项。</translation>
    </message>
    <message>
      <source>{field} must be one of: {choices}.</source>
      <translation>{field}必须是以下之一：{choices}。</translation>
    </message>
    <message>
      <source>{field} does not look right (e.g. {example}).</source>
      <translation>{field}格式不正确（例如 {example}）。</translation>
    </message>
    <message>
      <source>{field} cannot be negative.</source>
      <translation>{field}不能为负数。</translation>
    </message>
    <message>
      <source>Currency must be one of: {currencies}.</source>
      <translation>币种必须是以下之一：{currencies}。</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <source>Display name</source>
      <translation>显示名称</translation>
    </message>
    <message>
      <source>A visit cadence must be from 1 to {max_days} days.</source>
      <translation>拜访频率必须在 1 到 {max_days} 天之间。</translation>
    </message>
  </context>
  <context>
    <name>NewAccountDialog</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Company name, e.g. 安姆科包装(上海)有限公司</source>
      <translation>公司名称，例如 安姆科包装(上海)有限公司</translation>
    </message>
    <message>
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>e.g. +86 21 5555 0100</source>
      <translation>例如 +86 21 5555 0100</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <source>e.g. www.example.com</source>
      <translation>例如 www.example.com</translation>
    </message>
    <message>
      <source>Street</source>
      <translation>街道</translation>
    </message>
    <message>
      <source>City</source>
      <translation>城市</translation>
    </message>
    <message>
      <source>Province / region</source>
      <translation>省份 / 地区</translation>
    </message>
    <message>
      <source>Postal code</source>
      <translation>邮政编码</translation>
    </message>
    <message>
      <source>Country code</source>
      <translation>国家代码</translation>
    </message>
    <message>
      <source>e.g. CN</source>
      <translation>例如 CN</translation>
    </message>
    <message>
      <source>New account</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <source>Create</source>
      <translation>创建</translation>
    </message>
    <message>
      <source>Create (Ctrl+Enter)</source>
      <translation>创建（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Only the name is required. Before creating the account, FieldCRM checks whether this customer is already on this computer.</source>
      <translation>只有名称为必填项。创建客户前，FieldCRM 会检查本机上是否已有该客户。</translation>
    </message>
  </context>
  <context>
    <name>OpportunitiesView</name>
    <message>
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Prob.</source>
      <translation>赢率</translation>
    </message>
    <message>
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>1 opportunity</source>
      <translation>1 个商机</translation>
    </message>
    <message>
      <source>{count} · total {total} · weighted {weighted}</source>
      <translation>{count} · 合计 {total} · 加权 {weighted}</translation>
    </message>
    <message>
      <source>Whose deals</source>
      <translation>按负责人筛选商机</translation>
    </message>
    <message>
      <source>Which stage</source>
      <translation>按阶段筛选</translation>
    </message>
    <message>
      <source>Month of the expected close</source>
      <translation>预计成交月份</translation>
    </message>
    <message>
      <source>Tier of the deal's account</source>
      <translation>商机所属客户的级别</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>清除筛选</translation>
    </message>
    <message>
      <source>Tier</source>
      <translation>级别</translation>
    </message>
    <message>
      <source>Weighted</source>
      <translation>加权</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <source>Open deals</source>
      <translation>进行中的商机</translation>
    </message>
    <message>
      <source>All stages</source>
      <translation>所有阶段</translation>
    </message>
    <message>
      <source>{count} opportunities</source>
      <translation>{count} 个商机</translation>
    </message>
  </context>
  <context>
    <name>OpportunityDialog</name>
    <message>
      <source>Prospecting</source>
      <translation>初步接洽</translation>
    </message>
    <message>
      <source>Qualification</source>
      <translation>需求确认</translation>
    </message>
    <message>
      <source>Proposal</source>
      <translation>方案报价</translation>
    </message>
    <message>
      <source>Negotiation</source>
      <translation>商务谈判</translation>
    </message>
    <message>
      <source>Won</source>
      <translation>赢单</translation>
    </message>
    <message>
      <source>Lost</source>
      <translation>输单</translation>
    </message>
    <message>
      <source>Edit opportunity</source>
      <translation>编辑商机</translation>
    </message>
    <message>
      <source>New opportunity</source>
      <translation>新建商机</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Probability</source>
      <translation>赢率</translation>
    </message>
    <message>
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <source>e.g. 250,000.00</source>
      <translation>例如 250,000.00</translation>
    </message>
    <message>
      <source> %</source>
      <translation> %</translation>
    </message>
  </context>
  <context>
    <name>OpportunityStage</name>
    <message>
      <source>Prospecting</source>
      <translation>初步接洽</translation>
    </message>
    <message>
      <source>Qualification</source>
      <translation>需求确认</translation>
    </message>
    <message>
      <source>Proposal</source>
      <translation>方案报价</translation>
    </message>
    <message>
      <source>Negotiation</source>
      <translation>商务谈判</translation>
    </message>
    <message>
      <source>Won</source>
      <translation>赢单</translation>
    </message>
    <message>
      <source>Lost</source>
      <translation>输单</translation>
    </message>
  </context>
  <context>
    <name>OutboxModel</name>
    <message>
      <source>Waiting to send</source>
      <translation>等待发送</translation>
    </message>
    <message>
      <source>Refused by the server</source>
      <translation>被服务器拒绝</translation>
    </message>
    <message>
      <source>{record} ({kind})</source>
      <translation>{record}（{kind}）</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>What changed</source>
      <translation>更改内容</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
  </context>
  <context>
    <name>OutboxView</name>
    <message numerus="yes">
      <source>%n waiting to send</source>
      <translation>
        <numerusform>%n 项等待发送</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing waiting: every change is on the server.</source>
      <translation>没有待发送的内容：所有更改都已在服务器上。</translation>
    </message>
    <message numerus="yes">
      <source>%n refused</source>
      <translation>
        <numerusform>%n 项被拒绝</numerusform>
      </translation>
    </message>
    <message>
      <source>Fix…</source>
      <translation>修正…</translation>
    </message>
    <message>
      <source>Open the record with the refused values to correct them</source>
      <translation>打开包含被拒绝值的记录进行修正</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <source>Drop the refused change; the record gets the server's values back</source>
      <translation>放弃被拒绝的更改；记录将恢复为服务器上的值</translation>
    </message>
    <message>
      <source>Discard change</source>
      <translation>放弃更改</translation>
    </message>
    <message>
      <source>Why: {reason}</source>
      <translation>原因：{reason}</translation>
    </message>
    <message>
      <source>Fix the values and save again, or discard the change to get the server's values back.</source>
      <translation>请修正这些值后重新保存，或放弃更改以恢复服务器上的值。</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>已删除</translation>
    </message>
    <message>
      <source>Discard your change to “{record}”?

{summary}

The record gets the server's values back. This cannot be undone.</source>
      <translation>放弃对“{record}”的更改？

{summary}

该记录将恢复为服务器上的值。此操作无法撤销。</translation>
    </message>
    <message>
      <source>{field}: {value}</source>
      <translation>{field}：{value}</translation>
    </message>
    <message>
      <source>Changes you make are kept here until the server has them.</source>
      <translation>您所做的更改会保留在这里，直到服务器收到为止。</translation>
    </message>
  </context>
  <context>
    <name>PipelineBoard</name>
    <message>
      <source>no amount</source>
      <translation>无金额</translation>
    </message>
    <message>
      <source>Drag a deal to another stage to move it.</source>
      <translation>将商机拖到其他阶段即可移动。</translation>
    </message>
    <message>
      <source>All owners</source>
      <translation>所有负责人</translation>
    </message>
    <message>
      <source>Any close month</source>
      <translation>任意成交月份</translation>
    </message>
    <message>
      <source>{stage} ({count})</source>
      <translation>{stage}（{count}）</translation>
    </message>
    <message>
      <source>closing {month}</source>
      <translation>预计 {month} 成交</translation>
    </message>
    <message>
      <source>Closing {month}</source>
      <translation>{month} 成交</translation>
    </message>
    <message>
      <source>Weighted: {total}</source>
      <translation>加权：{total}</translation>
    </message>
    <message>
      <source>Tier {tier}</source>
      <translation>{tier} 级</translation>
    </message>
    <message>
      <source>{name} (me)</source>
      <translation>{name}（我）</translation>
    </message>
    <message>
      <source>Total: {total}</source>
      <translation>合计：{total}</translation>
    </message>
    <message>
      <source>Could not move the deal: {reason}</source>
      <translation>无法移动商机：{reason}</translation>
    </message>
    <message>
      <source>{amount} · {probability} %</source>
      <translation>{amount} · {probability} %</translation>
    </message>
  </context>
  <context>
    <name>RecordDialog</name>
    <message>
      <source>Fix refused change — {title}</source>
      <translation>修正被拒绝的更改 — {title}</translation>
    </message>
    <message>
      <source>The server refused this change: {reason} Correct it and save; the corrected change replaces it.</source>
      <translation>服务器拒绝了此更改：{reason} 请修正后保存，修正后的更改将替换原更改。</translation>
    </message>
    <message>
      <source>History…</source>
      <translation>历史记录…</translation>
    </message>
    <message>
      <source>no reason</source>
      <translation>未说明原因</translation>
    </message>
    <message>
      <source>Save ({shortcut})</source>
      <translation>保存（{shortcut}）</translation>
    </message>
  </context>
  <context>
    <name>RowTableModel</name>
    <message>
      <source>● not synced</source>
      <translation>● 未同步</translation>
    </message>
  </context>
  <context>
    <name>SearchDialog</name>
    <message>
      <source>Nothing on this computer contains “{text}”.</source>
      <translation>本机上没有包含“{text}”的内容。</translation>
    </message>
    <message>
      <source>Type any part of a name, city, phone, e-mail or visit note — 中文 or English.</source>
      <translation>输入名称、城市、电话、电子邮件或拜访备注的任意部分 — 中文或英文均可。</translation>
    </message>
    <message>
      <source>Accounts</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Contacts</source>
      <translation>联系人</translation>
    </message>
    <message>
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Visits</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>{group} ({count})</source>
      <translation>{group}（{count}）</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <source>Search accounts, contacts, deals, visits…</source>
      <translation>搜索客户、联系人、商机、拜访…</translation>
    </message>
    <message>
      <source>↑ ↓ to choose, Enter to open, Esc to close</source>
      <translation>↑ ↓ 选择，Enter 打开，Esc 关闭</translation>
    </message>
    <message>
      <source>Search failed: {reason}</source>
      <translation>搜索失败：{reason}</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>System default ({language})</source>
      <translation>系统默认（{language}）</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>The new language applies the next time FieldCRM starts.</source>
      <translation>新语言将在下次启动 FieldCRM 时生效。</translation>
    </message>
    <message>
      <source> seconds</source>
      <translation> 秒</translation>
    </message>
    <message>
      <source>FieldCRM also syncs right after each change and when the connection comes back; this is how often it checks for colleagues' changes.</source>
      <translation>FieldCRM 还会在每次更改后以及连接恢复时立即同步；此处设置的是检查同事更改的频率。</translation>
    </message>
    <message>
      <source>Not signed in yet</source>
      <translation>尚未登录</translation>
    </message>
    <message>
      <source>The server is chosen when you sign in (FieldCRM &gt; Sign out).</source>
      <translation>服务器在登录时选择（FieldCRM &gt; 退出登录）。</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Sync every</source>
      <translation>同步间隔</translation>
    </message>
    <message>
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <source>Please enter at least {seconds} seconds: syncing more often only drains the battery.</source>
      <translation>请输入至少 {seconds} 秒：同步过于频繁只会白白耗电。</translation>
    </message>
    <message>
      <source>The settings could not be saved ({reason}); nothing was changed.</source>
      <translation>无法保存设置（{reason}），未做任何更改。</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <source>Type to filter, e.g. “search” or “Ctrl”</source>
      <translation>输入以筛选，例如“搜索”或“Ctrl”</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Shortcut</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <source>No actions have shortcuts.</source>
      <translation>没有设置了快捷键的操作。</translation>
    </message>
    <message>
      <source>No shortcut matches “{text}”.</source>
      <translation>没有与“{text}”匹配的快捷键。</translation>
    </message>
  </context>
  <context>
    <name>SignInDialog</name>
    <message>
      <source>Sign in to FieldCRM</source>
      <translation>登录 FieldCRM</translation>
    </message>
    <message>
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Signing in…</source>
      <translation>正在登录…</translation>
    </message>
    <message>
      <source>Downloading your territory…</source>
      <translation>正在下载您的区域数据…</translation>
    </message>
    <message>
      <source>Sign in with your FieldCRM account. After the first sign-in you can also sign in offline.</source>
      <translation>请使用您的 FieldCRM 账号登录。首次登录后，也可以离线登录。</translation>
    </message>
    <message>
      <source>Please enter the server address, user name and password.</source>
      <translation>请输入服务器地址、用户名和密码。</translation>
    </message>
    <message>
      <source>Downloading your territory: {done} of {total} MB</source>
      <translation>正在下载您的区域数据：{done}/{total} MB</translation>
    </message>
    <message>
      <source>Downloading your territory: {done} of {total}</source>
      <translation>正在下载您的区域数据：{done}/{total}</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusBar</name>
    <message>
      <source>● Online</source>
      <translation>● 在线</translation>
    </message>
    <message>
      <source>○ Offline</source>
      <translation>○ 离线</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <source>sending</source>
      <translation>发送</translation>
    </message>
    <message>
      <source>receiving</source>
      <translation>接收</translation>
    </message>
    <message>
      <source>downloading</source>
      <translation>下载</translation>
    </message>
    <message numerus="yes">
      <source>%n pending</source>
      <translation>
        <numerusform>%n 项待同步</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n refused</source>
      <translation>
        <numerusform>%n 项被拒绝</numerusform>
      </translation>
    </message>
    <message>
      <source>Never synced</source>
      <translation>从未同步</translation>
    </message>
    <message>
      <source>{state} · syncing…</source>
      <translation>{state} · 正在同步…</translation>
    </message>
    <message>
      <source>Syncing ({phase}): {done}/{total}</source>
      <translation>正在同步（{phase}）：{done}/{total}</translation>
    </message>
    <message>
      <source>Last sync: {time}</source>
      <translation>上次同步：{time}</translation>
    </message>
    <message>
      <source>Syncing (downloading): {done} of {total} MB</source>
      <translation>正在同步（下载）：{done}/{total} MB</translation>
    </message>
  </context>
  <context>
    <name>TaskDialog</name>
    <message>
      <source>Low</source>
      <translation>低</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>普通</translation>
    </message>
    <message>
      <source>High</source>
      <translation>高</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>未完成</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Edit task</source>
      <translation>编辑任务</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>到期</translation>
    </message>
    <message>
      <source>Due date</source>
      <translation>到期日期</translation>
    </message>
    <message>
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>No account</source>
      <translation>无客户</translation>
    </message>
  </context>
  <context>
    <name>TaskPriority</name>
    <message>
      <source>Low</source>
      <translation>低</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>普通</translation>
    </message>
    <message>
      <source>High</source>
      <translation>高</translation>
    </message>
  </context>
  <context>
    <name>TaskReminders</name>
    <message>
      <source>Task due today</source>
      <translation>任务今日到期</translation>
    </message>
    <message>
      <source>Task overdue</source>
      <translation>任务已逾期</translation>
    </message>
    <message>
      <source>{task} — {account}</source>
      <translation>{task} — {account}</translation>
    </message>
    <message>
      <source>{count} tasks are overdue</source>
      <translation>{count} 项任务已逾期</translation>
    </message>
    <message>
      <source>{count} tasks are due today</source>
      <translation>{count} 项任务今日到期</translation>
    </message>
    <message>
      <source>{count} tasks are due today or overdue</source>
      <translation>{count} 项任务今日到期或已逾期</translation>
    </message>
    <message>
      <source>and {count} more in My tasks</source>
      <translation>“我的任务”中还有 {count} 项</translation>
    </message>
  </context>
  <context>
    <name>TasksView</name>
    <message>
      <source>All ({count})</source>
      <translation>全部（{count}）</translation>
    </message>
    <message>
      <source>Overdue ({count})</source>
      <translation>逾期（{count}）</translation>
    </message>
    <message>
      <source>Today ({count})</source>
      <translation>今天（{count}）</translation>
    </message>
    <message>
      <source>Upcoming ({count})</source>
      <translation>即将到期（{count}）</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>到期</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <source>Tomorrow</source>
      <translation>明天</translation>
    </message>
    <message>
      <source>1 day overdue</source>
      <translation>逾期 1 天</translation>
    </message>
    <message>
      <source>No open tasks</source>
      <translation>没有未完成的任务</translation>
    </message>
    <message>
      <source>1 open task</source>
      <translation>1 项未完成任务</translation>
    </message>
    <message>
      <source>{tasks} · {overdue} overdue</source>
      <translation>{tasks} · {overdue} 项逾期</translation>
    </message>
    <message>
      <source>Click ☐ or press Space to mark a task done; double-click or press Enter to open it</source>
      <translation>点击 ☐ 或按 Space 键将任务标记为已完成；双击或按 Enter 键打开任务</translation>
    </message>
    <message>
      <source>Mark done</source>
      <translation>标记为已完成</translation>
    </message>
    <message>
      <source>{count} days overdue</source>
      <translation>逾期 {count} 天</translation>
    </message>
    <message>
      <source>{count} open tasks</source>
      <translation>{count} 项未完成任务</translation>
    </message>
    <message>
      <source>This task no longer exists on this computer.</source>
      <translation>本机上已不存在此任务。</translation>
    </message>
  </context>
  <context>
    <name>TierBadge</name>
    <message>
      <source>No tier yet</source>
      <translation>尚无级别</translation>
    </message>
    <message>
      <source>set by hand</source>
      <translation>手动设定</translation>
    </message>
    <message>
      <source>from won revenue of the last 12 months</source>
      <translation>按近 12 个月的赢单收入评定</translation>
    </message>
    <message>
      <source>Tier {tier} ({how})</source>
      <translation>{tier} 级（{how}）</translation>
    </message>
  </context>
  <context>
    <name>TierFilter</name>
    <message>
      <source>All tiers</source>
      <translation>所有级别</translation>
    </message>
    <message>
      <source>Tier {tier}</source>
      <translation>{tier} 级</translation>
    </message>
  </context>
  <context>
    <name>TimelineView</name>
    <message>
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Stage change</source>
      <translation>阶段变更</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>All</source>
      <translation>全部</translation>
    </message>
    <message>
      <source>Visits</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Tasks</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>What</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Filter by text…</source>
      <translation>按文本筛选…</translation>
    </message>
    <message>
      <source>Nothing has happened on this account yet.</source>
      <translation>该客户暂无任何动态。</translation>
    </message>
    <message>
      <source>Nothing matches the filter.</source>
      <translation>没有符合筛选条件的内容。</translation>
    </message>
    <message>
      <source>1 item</source>
      <translation>1 项</translation>
    </message>
    <message numerus="yes">
      <source>%n items</source>
      <translation>
        <numerusform>%n 项</numerusform>
      </translation>
    </message>
    <message>
      <source>Showing {shown} of {total}</source>
      <translation>显示 {shown}/{total} 项</translation>
    </message>
  </context>
  <context>
    <name>TodayScreen</name>
    <message>
      <source>Ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>待核对</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>缺失</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>never visited</source>
      <translation>从未拜访</translation>
    </message>
    <message>
      <source>due today</source>
      <translation>今日到期</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <source>Start the selected visit now (stamps the time)</source>
      <translation>立即开始所选拜访（记录当前时间）</translation>
    </message>
    <message>
      <source>End…</source>
      <translation>结束…</translation>
    </message>
    <message>
      <source>End the selected visit: outcome, notes, next step</source>
      <translation>结束所选拜访：填写结果、备注和下一步</translation>
    </message>
    <message>
      <source>Reschedule…</source>
      <translation>改期…</translation>
    </message>
    <message>
      <source>Move the selected visit to another time</source>
      <translation>将所选拜访改到其他时间</translation>
    </message>
    <message>
      <source>Cancel visit</source>
      <translation>取消拜访</translation>
    </message>
    <message>
      <source>Cancel the selected visit (asks first)</source>
      <translation>取消所选拜访（会先确认）</translation>
    </message>
    <message>
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <source>Plan visit…</source>
      <translation>计划拜访…</translation>
    </message>
    <message>
      <source>Trip readiness — visits in the next 3 days</source>
      <translation>出行准备 — 未来 3 天的拜访</translation>
    </message>
    <message>
      <source>Selected visit:</source>
      <translation>所选拜访：</translation>
    </message>
    <message>
      <source>Visits today</source>
      <translation>今日拜访</translation>
    </message>
    <message numerus="yes">
      <source>Visits today (%n)</source>
      <translation>
        <numerusform>今日拜访（%n）</numerusform>
      </translation>
    </message>
    <message>
      <source>No visits planned today</source>
      <translation>今日没有计划的拜访</translation>
    </message>
    <message>
      <source>Visits this week</source>
      <translation>本周拜访</translation>
    </message>
    <message numerus="yes">
      <source>Visits this week (%n)</source>
      <translation>
        <numerusform>本周拜访（%n）</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing else planned this week</source>
      <translation>本周没有其他计划</translation>
    </message>
    <message>
      <source>Overdue tasks</source>
      <translation>逾期任务</translation>
    </message>
    <message numerus="yes">
      <source>Overdue tasks (%n)</source>
      <translation>
        <numerusform>逾期任务（%n）</numerusform>
      </translation>
    </message>
    <message>
      <source>No overdue tasks</source>
      <translation>没有逾期任务</translation>
    </message>
    <message>
      <source>Tasks due today</source>
      <translation>今日到期任务</translation>
    </message>
    <message numerus="yes">
      <source>Tasks due today (%n)</source>
      <translation>
        <numerusform>今日到期任务（%n）</numerusform>
      </translation>
    </message>
    <message>
      <source>No tasks due today</source>
      <translation>今日没有到期任务</translation>
    </message>
    <message>
      <source>Customers due for a visit</source>
      <translation>待拜访客户</translation>
    </message>
    <message numerus="yes">
      <source>Customers due for a visit (%n)</source>
      <translation>
        <numerusform>待拜访客户（%n）</numerusform>
      </translation>
    </message>
    <message>
      <source>Every customer is within their visit cadence</source>
      <translation>所有客户均在拜访频率之内</translation>
    </message>
    <message>
      <source>Open account</source>
      <translation>打开客户</translation>
    </message>
    <message>
      <source>No visits planned</source>
      <translation>没有计划的拜访</translation>
    </message>
    <message>
      <source>never</source>
      <translation>从未</translation>
    </message>
    <message>
      <source>high priority</source>
      <translation>高优先级</translation>
    </message>
    <message numerus="yes">
      <source>%n day(s) since last visit</source>
      <translation>
        <numerusform>距上次拜访 %n 天</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n day(s) overdue</source>
      <translation>
        <numerusform>逾期 %n 天</numerusform>
      </translation>
    </message>
    <message>
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Offline: the server cannot be reached right now</source>
      <translation>离线：当前无法连接服务器</translation>
    </message>
    <message>
      <source>Fetch the latest from the server before you lose signal</source>
      <translation>在失去信号前从服务器获取最新数据</translation>
    </message>
    <message numerus="yes">
      <source>%n planned visit(s)</source>
      <translation>
        <numerusform>%n 次计划拜访</numerusform>
      </translation>
    </message>
    <message>
      <source>Tier {tier} · every {days} days</source>
      <translation>{tier} 级 · 每 {days} 天</translation>
    </message>
    <message>
      <source>Tier {tier}</source>
      <translation>{tier} 级</translation>
    </message>
    <message>
      <source>Plan a visit ({key})</source>
      <translation>计划拜访（{key}）</translation>
    </message>
    <message>
      <source>Everything is on this laptop</source>
      <translation>所需数据均已在本机</translation>
    </message>
    <message>
      <source>Last refreshed from the server: {when}</source>
      <translation>上次从服务器刷新：{when}</translation>
    </message>
    <message>
      <source>due {date}</source>
      <translation>{date} 到期</translation>
    </message>
    <message>
      <source>Could not load today: {reason}</source>
      <translation>无法加载今日内容：{reason}</translation>
    </message>
    <message>
      <source>{level}: {reasons}</source>
      <translation>{level}：{reasons}</translation>
    </message>
  </context>
  <context>
    <name>UpdateBanner</name>
    <message>
      <source>This version of FieldCRM is too old for the server. Please update — your unsynced changes are kept.</source>
      <translation>此版本的 FieldCRM 过旧，服务器已不再支持。请更新 — 您未同步的更改会被保留。</translation>
    </message>
  </context>
  <context>
    <name>VisitActions</name>
    <message>
      <source>Cancel visit</source>
      <translation>取消拜访</translation>
    </message>
    <message>
      <source>Cancel this planned visit? You can reschedule it later.</source>
      <translation>取消这次计划的拜访？之后仍可重新安排时间。</translation>
    </message>
    <message>
      <source>Keep it</source>
      <translation>保留</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>This visit is already closed.</source>
      <translation>此拜访已结束。</translation>
    </message>
    <message>
      <source>Only a visit that has not taken place can be rescheduled.</source>
      <translation>只有尚未进行的拜访才能改期。</translation>
    </message>
    <message>
      <source>Only a planned visit can be cancelled.</source>
      <translation>只有计划中的拜访才能取消。</translation>
    </message>
    <message>
      <source>This visit no longer exists on this computer.</source>
      <translation>本机上已不存在此拜访。</translation>
    </message>
  </context>
  <context>
    <name>VisitDialog</name>
    <message>
      <source>Save (Ctrl+Enter)</source>
      <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>Contacts present</source>
      <translation>在场联系人</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>目的</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>What was discussed, what was agreed</source>
      <translation>讨论了什么，达成了什么共识</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Next step</source>
      <translation>下一步</translation>
    </message>
    <message>
      <source>Edit visit</source>
      <translation>编辑拜访</translation>
    </message>
    <message>
      <source>Log visit</source>
      <translation>记录拜访</translation>
    </message>
    <message>
      <source>History…</source>
      <translation>历史记录…</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <source>lasting</source>
      <translation>时长</translation>
    </message>
    <message>
      <source>Optional: creates a follow-up task</source>
      <translation>可选：将创建跟进任务</translation>
    </message>
    <message>
      <source>due</source>
      <translation>到期</translation>
    </message>
    <message>
      <source>Visit {when}</source>
      <translation>拜访 {when}</translation>
    </message>
  </context>
  <context>
    <name>VisitEndDialog</name>
    <message>
      <source>End visit</source>
      <translation>结束拜访</translation>
    </message>
    <message>
      <source>Save (Ctrl+Enter)</source>
      <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>What was discussed, what was agreed</source>
      <translation>讨论了什么，达成了什么共识</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Next step</source>
      <translation>下一步</translation>
    </message>
    <message>
      <source>Optional: creates a follow-up task</source>
      <translation>可选：将创建跟进任务</translation>
    </message>
    <message>
      <source>due</source>
      <translation>到期</translation>
    </message>
    <message>
      <source>{purpose}, started {when}</source>
      <translation>{purpose}，开始于 {when}</translation>
    </message>
    <message>
      <source>{purpose}, planned for {when}</source>
      <translation>{purpose}，计划于 {when}</translation>
    </message>
    <message>
      <source>no time</source>
      <translation>未定时间</translation>
    </message>
  </context>
  <context>
    <name>VisitFields</name>
    <message>
      <source>Pick from the list or type your own</source>
      <translation>从列表中选择或自行输入</translation>
    </message>
    <message>
      <source>Type part of the account name</source>
      <translation>输入客户名称的一部分</translation>
    </message>
  </context>
  <context>
    <name>VisitPlanDialog</name>
    <message>
      <source>Plan visit</source>
      <translation>计划拜访</translation>
    </message>
    <message>
      <source>Save (Ctrl+Enter)</source>
      <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>客户</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Contacts</source>
      <translation>联系人</translation>
    </message>
    <message>
      <source>Purpose</source>
      <translation>目的</translation>
    </message>
    <message>
      <source>What to prepare, what to bring</source>
      <translation>需要准备什么、携带什么</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Reschedule visit</source>
      <translation>拜访改期</translation>
    </message>
    <message>
      <source>Reschedule</source>
      <translation>改期</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <source>New time</source>
      <translation>新时间</translation>
    </message>
    <message>
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <source>at</source>
      <translation>开始于</translation>
    </message>
    <message>
      <source>lasting</source>
      <translation>时长</translation>
    </message>
    <message>
      <source>{purpose}, planned for {when}</source>
      <translation>{purpose}，计划于 {when}</translation>
    </message>
    <message>
      <source>Pick the account from the list.</source>
      <translation>请从列表中选择客户。</translation>
    </message>
    <message>
      <source>no time yet</source>
      <translation>尚未定时间</translation>
    </message>
  </context>
  <context>
    <name>VisitStatus</name>
    <message>
      <source>Planned</source>
      <translation>已计划</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>进行中</translation>
    </message>
    <message>
      <source>Completed</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
  </context>
</TS>
