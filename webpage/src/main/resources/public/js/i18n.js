// Every string the pages show, in Chinese (default) and English. `{name}` is a parameter;
// `{name:one|other}` picks a word by its value (English plurals).

export const LANGUAGES = Object.freeze(['zh', 'en']);
const STORAGE_KEY = 'ukey-bridge.lang';

export const messages = {
  zh: {
    'site.title': '数字证书自助服务',
    'site.subtitle': '山东省事业单位监督管理网 · 用户证书更新与下载',
    'lang.switch': 'English',
    'lang.switchLabel': '切换到英文',
    'nav.label': '功能',
    'nav.home': '首页',
    'nav.renew': '更新用户证书',
    'nav.download': '下载用户证书',

    'footer.help': '证书到期前 {before} 天至到期后 {after} 天内，可在本网站自助更新；更新后的证书有效期 {validity} 天。证书下载需先从电子政务外网山东 RA 中心取得下载授权码。',
    'footer.contact': '遇到问题时，请记下页面上的提示，联系证书服务人员（山东 RA 中心）。',
    'footer.browsers': '支持当前版本的 Chrome、Edge、Firefox、360 安全浏览器等，无需 IE 浏览器或控件。',

    'home.heading': '请选择要办理的业务',
    'home.renew.text': '证书即将到期或已到期时，用原 UKey 更新证书。更新后证书继续有效 {validity} 天，UKey 不变。',
    'home.download.text': '已从 RA 中心取得证书下载授权码时，把证书下载到已格式化的空白 UKey 中。',
    'home.keys': '本机插入的 UKey',
    'home.hint.expiring': '有证书即将到期，请点击「更新用户证书」。',
    'home.hint.expired': '有证书已经过期，登录业务系统会失败。请点击「更新用户证书」（过期 {after} 天内仍可更新）。',

    'agent.connecting': '正在连接本机的 UKey 助手……',
    'agent.connected': '已连接 UKey 助手（版本 {version}）',
    'agent.reconnecting': '与 UKey 助手的连接中断，正在重新连接……',
    'agent.prompt.title': '需要您允许浏览器连接 UKey 助手',
    'agent.prompt.text': '本网站通过本机的「UKey 助手」读取 UKey。点击下面的按钮后，浏览器会询问是否允许本网站访问本机上的应用或设备，请选择「允许」。',
    'agent.prompt.button': '连接 UKey 助手',
    'agent.denied.title': '浏览器阻止了与 UKey 助手的连接',
    'agent.denied.text': '此前在浏览器提示中选择了「阻止」。请这样恢复：点击地址栏左侧的图标 →「网站设置」→ 把「本地网络访问」改为「允许」，然后刷新本页。',
    'agent.insecure.text': '本页不是通过安全连接（https://）打开的，浏览器不允许它连接本机的 UKey 助手。请使用以 https:// 开头的正式地址打开本网站。',
    'agent.missing.title': '未检测到 UKey 助手',
    'agent.missing.text': '更新或下载证书需要在本机安装「UKey 助手」（它取代旧系统的「安装控件」，只需安装一次）。',
    'agent.missing.steps': '下载并运行安装程序，按提示完成安装；安装后 UKey 助手会自动运行，然后点击「重新检测」。如已安装，请确认屏幕右下角有 UKey 助手图标。',
    'agent.missing.download': '下载 UKey 助手安装程序',
    'agent.old.title': 'UKey 助手版本过旧',
    'agent.old.text': '本机的 UKey 助手与本网站不兼容，请下载并安装新版本，然后点击「重新检测」。',
    'agent.retry': '重新检测',
    'agent.helpTitle': '没有 UKey 助手？',

    'site.error.title': '无法连接网站服务器',
    'site.error.text': '请检查网络连接，然后刷新本页。',

    'tokens.none': '未检测到 UKey。请把 UKey 插入电脑的 USB 接口；插好后这里会自动显示。',
    'tokens.blank': '空白 UKey（没有证书）',
    'tokens.serial': '序列号 {serial}',
    'tokens.validTo': '有效期至 {date}',
    'tokens.issuer': '颁发者',

    'status.valid': '有效，剩余 {days} 天',
    'status.expiring': '即将到期，剩余 {days} 天',
    'status.expiringToday': '今天到期',
    'status.expired': '已过期 {days} 天',

    'pin.label': 'UKey 口令（PIN）',
    'pin.help': '口令由 UKey 自己核对，本网站不保存。',
    'pin.helpDialog': '也可以留空，由 UKey 助手弹出窗口输入口令。',
    'pin.lengths': '口令长度 {min}–{max} 位。',
    'pin.tooShortOrLong': '口令长度应为 {min}–{max} 位，请检查。',
    'pin.note.locked': '口令已锁定',
    'pin.note.finalTry': '口令只剩最后一次机会',
    'pin.note.countLow': '口令曾输错，剩余次数不多',
    'pin.needed': '请输入 UKey 口令。',

    'steps.label': '办理步骤',
    'steps.current': '当前步骤',
    'button.next': '下一步',
    'button.back': '上一步',
    'button.choose': '选择证书',
    'button.ok': '确定',
    'button.cancel': '取消',
    'button.renew': '更新',
    'button.download': '下载',
    'button.finish': '完成写入',
    'button.retry': '重试',
    'button.again': '重新开始',
    'button.home': '返回首页',
    'button.retryComplete': '重新登记',

    'keepKey': '办理过程中请不要拔出 UKey，也不要关闭本页，通常一两分钟内完成。',
    'working': '正在办理，请稍候……',
    'unloadWarning': '证书正在写入 UKey，离开本页可能导致办理中断。',

    'renew.title': '更新用户证书',
    'renew.step.intro': '更新须知',
    'renew.step.choose': '选择证书',
    'renew.step.confirm': '核对并更新',
    'renew.step.done': '完成',
    'renew.intro.1': '可以更新的证书：本系统签发（或从原 CA 导入）的用户证书，且在到期前 {before} 天至到期后 {after} 天之内。',
    'renew.intro.2': '请在平时登录业务系统的电脑上办理，并把需要更新的 UKey 插入电脑。',
    'renew.intro.3': '更新时需要输入 UKey 口令；新证书写入原 UKey，有效期 {validity} 天，原证书随之被替换。',
    'renew.intro.4': '已过期的证书也可以在到期后 {after} 天内更新；超出期限请联系证书服务人员。',
    'renew.choose.text': '请确认需要更新的证书 UKey 已插入电脑，然后点击「选择证书」。',
    'renew.choose.dialogTitle': '选择需要更新的证书',
    'renew.choose.none': '插入的 UKey 中没有证书。请插入存有需要更新证书的 UKey。',
    'renew.choose.pick': '请先选中一张证书。',
    'renew.checking': '正在检查证书……',
    'renew.window': '本证书的更新期：{start} 至 {end}。',
    'renew.current': '当前证书',
    'renew.profile': '新证书',
    'renew.confirmText': '请核对：证书名称是您要更新的证书，失效时间即将到期或已过期。确认无误后输入口令，点击「更新」。',
    'renew.pending.title': '上次更新尚未完成',
    'renew.pending.text': '上次已为这张证书签发了新证书，但还没有写入 UKey。请输入口令，点击「完成写入」，把新证书写入这个 UKey（不会重复签发）。',
    'renew.tokenGone': '这张证书所在的 UKey 已被拔出。请重新插入同一个 UKey。',
    'renew.progress.login': '核对口令',
    'renew.progress.proof': '用原证书证明身份',
    'renew.progress.key': '在 UKey 中生成新密钥',
    'renew.progress.issue': '签发新证书',
    'renew.progress.write': '写入 UKey',
    'renew.progress.record': '登记完成',
    'renew.writeFailed': '新证书已经签发，但没有写入 UKey。请确认 UKey 已插好，输入口令后点击「完成写入」。如果现在无法完成，以后重新打开本页、选择原证书即可继续，不会丢失证书。',
    'renew.done.title': '证书更新成功',
    'renew.done.text': '新证书已写入 UKey，请核对以下信息。现在可以用这个 UKey 正常登录业务系统。',
    'renew.done.recordFailed': '新证书已在 UKey 中，可以正常使用；但网站未能登记完成状态。请点击「重新登记」。',

    'field.subject': '证书名称（主题）',
    'field.issuer': '颁发者',
    'field.serial': '证书序列号',
    'field.notBefore': '生效时间',
    'field.notAfter': '失效时间',
    'field.status': '状态',
    'field.validity': '有效期',
    'field.validityDays': '{days} 天',
    'field.keyAlgorithm': '密钥类型',
    'field.key': 'UKey',
    'field.expiresAt': '授权码有效至',

    'download.title': '下载用户证书',
    'download.step.code': '输入授权码',
    'download.step.confirm': '核对证书信息',
    'download.step.key': '选择 UKey 并下载',
    'download.step.done': '完成',
    'download.intro': '本功能用于已从电子政务外网山东 RA 中心取得证书下载授权的用户。请准备好已格式化的空白 UKey，并把从 RA 中心取得的参考号和授权码分别填入下面两栏。',
    'download.ref': '参考号',
    'download.code': '授权码',
    'download.fieldsNeeded': '请填写参考号和授权码。',
    'download.checking': '正在核对授权码……',
    'download.confirmText': '请认真核对授权的证书信息：证书名称应为您或您单位的信息。确认无误后点击「下一步」。',
    'download.key.text': '请插入已格式化的空白 UKey，选中它，输入口令，然后点击「下载」。',
    'download.key.none': '未找到空白 UKey。请插入已格式化、没有证书的 UKey；插好后这里会自动显示。',
    'download.key.notBlank': '已有证书，不能用于下载',
    'download.key.locked': '口令已锁定，不能使用',
    'download.key.pick': '请先选中一个空白 UKey。',
    'download.progress.login': '核对口令',
    'download.progress.key': '在 UKey 中生成密钥',
    'download.progress.issue': '签发证书',
    'download.progress.write': '写入 UKey',
    'download.progress.record': '登记完成',
    'download.writeFailed': '证书已经签发，但没有写入 UKey。请确认 UKey 已插好，输入口令后点击「完成写入」。请不要关闭本页。',
    'download.done.title': '证书下载成功',
    'download.done.text': '证书已写入 UKey，请核对以下信息。现在可以用这个 UKey 登录业务系统。',
    'download.done.recordFailed': '证书已在 UKey 中，可以正常使用；但网站未能登记完成状态。请点击「重新登记」。',

    'err.title.agent': 'UKey 操作未完成',
    'err.title.site': '网站未能办理',
    'err.agent.PIN_INCORRECT': '口令不正确，还可以再试 {retries} 次。',
    'err.agent.PIN_INCORRECT.unknown': '口令不正确，请重新输入。',
    'err.agent.PIN_INCORRECT.finalTry': '口令不正确。只剩最后一次机会：再输错一次，UKey 将被锁定。如不确定口令，请先联系证书服务人员。',
    'err.agent.PIN_LOCKED': 'UKey 口令已被锁定，无法继续办理。请联系证书服务人员（RA 中心）解锁。',
    'err.agent.PIN_INVALID': '口令长度应为 {min}–{max} 位，请检查后重新输入（本次不计入错误次数）。',
    'err.agent.PIN_NEEDED': '本机的 UKey 助手无法弹出口令窗口，请在口令框中输入口令。',
    'err.agent.TOKEN_NOT_FOUND': 'UKey 已被拔出或无法识别。请插好 UKey，再点一次按钮。',
    'err.agent.CANCELLED_BY_USER': '您在 UKey 助手的窗口中取消了操作。需要时请再点一次按钮。',
    'err.agent.TOKEN_BUSY': 'UKey 正被其他程序占用。请关闭其他使用 UKey 的程序（例如业务系统的登录窗口），稍后再试。',
    'err.agent.LOGIN_REQUIRED': '需要重新核对口令（可能闲置超过 10 分钟，或 UKey 曾被拔出）。请输入口令后再试。',
    'err.agent.OBJECT_NOT_FOUND': 'UKey 中找不到所需的证书或密钥，内容可能已改变。请刷新本页后重新选择。',
    'err.agent.CERT_KEY_MISMATCH': '证书与这个 UKey 中的密钥不匹配。请确认插入的是原来那个 UKey；如仍不行，请联系证书服务人员。',
    'err.agent.TOKEN_ERROR': 'UKey 读写出错{ckr}。请拔下 UKey 重新插好后再试；多次出现请联系证书服务人员。',
    'err.agent.UNSUPPORTED_ALGORITHM': '这个 UKey 不支持所需的密钥类型。请联系证书服务人员。',
    'err.agent.TOKEN_FULL': 'UKey 存储空间已满，无法写入。请联系证书服务人员。',
    'err.agent.AGENT_UNAVAILABLE': '连接不上本机的 UKey 助手。请确认它正在运行，然后再试。',
    'err.agent.DISCONNECTED': '与 UKey 助手的连接中断了。请确认 UKey 助手正在运行，等页面显示「已连接」后再试。',
    'err.agent.NOT_CONNECTED': '尚未连接 UKey 助手。请等页面显示「已连接」后再试。',
    'err.agent.TIMEOUT': 'UKey 助手长时间没有回应。请看看是否有 UKey 助手的窗口在等待您确认，然后再试。',
    'err.agent.PERMISSION_DENIED': '浏览器阻止了与 UKey 助手的连接。请按页面上方的说明恢复。',
    'err.agent.PERMISSION_PROMPT': '请先点击「连接 UKey 助手」，并在浏览器提示中选择「允许」。',
    'err.agent.PROTOCOL_MISMATCH': 'UKey 助手版本与本网站不兼容，请安装新版本。',
    'err.agent.other': 'UKey 助手报告了错误（{reason}）。请再试一次；仍不行请联系证书服务人员，并告知这个代码。',

    'err.site.NETWORK': '连接不上网站服务器。请检查网络后再试。',
    'err.site.OUTSIDE_RENEWAL_WINDOW': '这张证书现在不能更新：只能在到期前 {before} 天至到期后 {after} 天内更新。',
    'err.site.UNKNOWN_CERTIFICATE': '本网站不认识这张证书，只能更新山东省事业单位监督管理网业务系统使用的证书。',
    'err.site.CERTIFICATE_REVOKED': '这张证书已被吊销，不能更新。',
    'err.site.CHALLENGE_EXPIRED': '操作等待时间过长，已失效。请再点一次「更新」。',
    'err.site.CODE_INVALID': '参考号或授权码不正确。',
    'err.site.CODE_EXPIRED': '授权码已过期。',
    'err.site.CODE_USED': '这个授权码已经用过了。',
    'err.site.CODE_LOCKED': '授权码输错次数过多，已被锁定。',
    'err.site.INTERNAL_ERROR': '网站内部出错。请稍后再试。',
    'err.site.other': '网站拒绝了请求（{reason}）。请刷新本页后再试。',
    'hint.attemptsLeft': '还可以再试 {n} 次。',
    'hint.contactRa': '请联系电子政务外网山东 RA 中心重新办理授权。',
    'hint.contactService': '如有疑问，请联系证书服务人员。',
    'hint.chooseAnother': '请选择其他证书。',
    'hint.window': '更新期：{start} 至 {end}（证书失效时间 {notAfter}）。',
    'hint.keyRemoved': '已在 UKey 中删除本次生成的新密钥，UKey 恢复原状。',
  },

  en: {
    'site.title': 'Certificate Self-Service',
    'site.subtitle': 'Shandong Public Institution Supervision Network · renew and download user certificates',
    'lang.switch': '中文',
    'lang.switchLabel': 'Switch to Chinese',
    'nav.label': 'Functions',
    'nav.home': 'Home',
    'nav.renew': 'Renew user certificate',
    'nav.download': 'Download user certificate',

    'footer.help': 'A certificate can be renewed on this site from {before} days before until {after} days after it expires; the renewed certificate is valid for {validity} days. A download needs an authorization code from the Shandong RA centre (e-government extranet).',
    'footer.contact': 'If something goes wrong, note the message on the page and contact the certificate service staff (Shandong RA centre).',
    'footer.browsers': 'Works in current Chrome, Edge, Firefox and 360 Secure Browser; no Internet Explorer or plug-in needed.',

    'home.heading': 'What would you like to do?',
    'home.renew.text': 'When your certificate is about to expire or has expired, renew it on the same UKey. The new certificate is valid for {validity} days.',
    'home.download.text': 'If the RA centre gave you a download authorization code, load the certificate onto a formatted blank UKey.',
    'home.keys': 'UKeys plugged into this computer',
    'home.hint.expiring': 'A certificate expires soon. Please choose "Renew user certificate".',
    'home.hint.expired': 'A certificate has expired and can no longer log in. Please choose "Renew user certificate" (possible up to {after} days after expiry).',

    'agent.connecting': 'Connecting to the UKey helper on this computer…',
    'agent.connected': 'Connected to the UKey helper (version {version})',
    'agent.reconnecting': 'The connection to the UKey helper was lost; reconnecting…',
    'agent.prompt.title': 'Please allow the browser to connect to the UKey helper',
    'agent.prompt.text': 'This site reads your UKey through the "UKey helper" app on this computer. After you click the button below, the browser asks whether this site may access apps and devices on this device: choose "Allow".',
    'agent.prompt.button': 'Connect to the UKey helper',
    'agent.denied.title': 'The browser blocks the connection to the UKey helper',
    'agent.denied.text': '"Block" was chosen in the browser\'s prompt earlier. To undo it: click the icon left of the address bar → "Site settings" → set "Local network access" to "Allow", then reload this page.',
    'agent.insecure.text': 'This page was not opened over a secure connection (https://), so the browser does not let it reach the UKey helper. Please open the site at its official address starting with https://.',
    'agent.missing.title': 'The UKey helper was not found',
    'agent.missing.text': 'Renewing or downloading a certificate needs the "UKey helper" app on this computer (it replaces the old site\'s plug-in; install it once).',
    'agent.missing.steps': 'Download and run the installer. The helper starts by itself after installation; then click "Check again". If it is installed already, make sure its icon shows in the system tray.',
    'agent.missing.download': 'Download the UKey helper installer',
    'agent.old.title': 'The UKey helper is out of date',
    'agent.old.text': 'The UKey helper on this computer does not match this site. Please install the new version, then click "Check again".',
    'agent.retry': 'Check again',
    'agent.helpTitle': 'No UKey helper?',

    'site.error.title': 'Cannot reach the site\'s server',
    'site.error.text': 'Please check the network connection, then reload this page.',

    'tokens.none': 'No UKey found. Plug your UKey into a USB port; it will show here by itself.',
    'tokens.blank': 'Blank UKey (no certificate)',
    'tokens.serial': 'Serial {serial}',
    'tokens.validTo': 'Valid until {date}',
    'tokens.issuer': 'Issuer',

    'status.valid': 'Valid, {days} {days:day|days} left',
    'status.expiring': 'Expires soon: {days} {days:day|days} left',
    'status.expiringToday': 'Expires today',
    'status.expired': 'Expired {days} {days:day|days} ago',

    'pin.label': 'UKey PIN',
    'pin.help': 'The UKey checks the PIN itself; this site never stores it.',
    'pin.helpDialog': 'You may also leave it empty: the UKey helper then asks in its own window.',
    'pin.lengths': 'The PIN has {min}–{max} characters.',
    'pin.tooShortOrLong': 'The PIN must have {min}–{max} characters; please check it.',
    'pin.note.locked': 'PIN locked',
    'pin.note.finalTry': 'One PIN attempt left',
    'pin.note.countLow': 'Wrong PIN entered before; few attempts left',
    'pin.needed': 'Please enter the UKey\'s PIN.',

    'steps.label': 'Steps',
    'steps.current': 'current step',
    'button.next': 'Next',
    'button.back': 'Back',
    'button.choose': 'Choose certificate',
    'button.ok': 'OK',
    'button.cancel': 'Cancel',
    'button.renew': 'Renew',
    'button.download': 'Download',
    'button.finish': 'Finish writing',
    'button.retry': 'Try again',
    'button.again': 'Start again',
    'button.home': 'Back to home',
    'button.retryComplete': 'Record again',

    'keepKey': 'Do not unplug the UKey or close this page while this runs; it usually takes a minute or two.',
    'working': 'Working, please wait…',
    'unloadWarning': 'The certificate is being written to the UKey; leaving now may interrupt it.',

    'renew.title': 'Renew user certificate',
    'renew.step.intro': 'Before you start',
    'renew.step.choose': 'Choose certificate',
    'renew.step.confirm': 'Check and renew',
    'renew.step.done': 'Done',
    'renew.intro.1': 'Certificates that can be renewed: user certificates issued by this system (or imported from the former CA), from {before} days before until {after} days after they expire.',
    'renew.intro.2': 'Use the computer you normally log in with, and plug in the UKey whose certificate you renew.',
    'renew.intro.3': 'You will enter the UKey\'s PIN. The new certificate is written to the same UKey, valid for {validity} days, and replaces the old one.',
    'renew.intro.4': 'An expired certificate can still be renewed up to {after} days after expiry; after that, contact the certificate service staff.',
    'renew.choose.text': 'Make sure the UKey with the certificate to renew is plugged in, then click "Choose certificate".',
    'renew.choose.dialogTitle': 'Choose the certificate to renew',
    'renew.choose.none': 'The UKeys plugged in hold no certificate. Plug in the UKey with the certificate to renew.',
    'renew.choose.pick': 'Please select a certificate first.',
    'renew.checking': 'Checking the certificate…',
    'renew.window': 'This certificate can be renewed from {start} to {end}.',
    'renew.current': 'Current certificate',
    'renew.profile': 'New certificate',
    'renew.confirmText': 'Please check: the name is the certificate you mean to renew, and it expires soon or has expired. Then enter the PIN and click "Renew".',
    'renew.pending.title': 'An earlier renewal is not finished',
    'renew.pending.text': 'A new certificate was already issued for this certificate but never written to the UKey. Enter the PIN and click "Finish writing" to write it to this UKey (nothing is issued twice).',
    'renew.tokenGone': 'The UKey holding this certificate was unplugged. Please plug the same UKey in again.',
    'renew.progress.login': 'Check the PIN',
    'renew.progress.proof': 'Prove possession of the current certificate',
    'renew.progress.key': 'Generate a new key pair on the UKey',
    'renew.progress.issue': 'Issue the new certificate',
    'renew.progress.write': 'Write it to the UKey',
    'renew.progress.record': 'Record completion',
    'renew.writeFailed': 'The new certificate was issued but not written to the UKey. Make sure the UKey is plugged in, enter the PIN and click "Finish writing". If you cannot finish now, open this page later and choose the old certificate again: nothing is lost.',
    'renew.done.title': 'Certificate renewed',
    'renew.done.text': 'The new certificate is on the UKey; please check the details below. You can log in to the business system with this UKey now.',
    'renew.done.recordFailed': 'The new certificate is on the UKey and works, but the site could not record completion. Please click "Record again".',

    'field.subject': 'Certificate name (subject)',
    'field.issuer': 'Issuer',
    'field.serial': 'Serial number',
    'field.notBefore': 'Valid from',
    'field.notAfter': 'Valid until',
    'field.status': 'Status',
    'field.validity': 'Validity',
    'field.validityDays': '{days} days',
    'field.keyAlgorithm': 'Key type',
    'field.key': 'UKey',
    'field.expiresAt': 'Authorization valid until',

    'download.title': 'Download user certificate',
    'download.step.code': 'Enter authorization',
    'download.step.confirm': 'Check certificate details',
    'download.step.key': 'Choose UKey and download',
    'download.step.done': 'Done',
    'download.intro': 'For users who obtained a certificate download authorization from the Shandong RA centre (e-government extranet). Have a formatted blank UKey ready, and enter the reference number and authorization code from the RA centre below.',
    'download.ref': 'Reference number',
    'download.code': 'Authorization code',
    'download.fieldsNeeded': 'Please enter the reference number and the authorization code.',
    'download.checking': 'Checking the authorization…',
    'download.confirmText': 'Please check the authorized certificate: its name must be you or your institution. If it is right, click "Next".',
    'download.key.text': 'Plug in a formatted blank UKey, select it, enter its PIN, then click "Download".',
    'download.key.none': 'No blank UKey found. Plug in a formatted UKey without certificates; it will show here by itself.',
    'download.key.notBlank': 'Holds a certificate: cannot be used',
    'download.key.locked': 'PIN locked: cannot be used',
    'download.key.pick': 'Please select a blank UKey first.',
    'download.progress.login': 'Check the PIN',
    'download.progress.key': 'Generate a key pair on the UKey',
    'download.progress.issue': 'Issue the certificate',
    'download.progress.write': 'Write it to the UKey',
    'download.progress.record': 'Record completion',
    'download.writeFailed': 'The certificate was issued but not written to the UKey. Make sure the UKey is plugged in, enter the PIN and click "Finish writing". Please keep this page open.',
    'download.done.title': 'Certificate downloaded',
    'download.done.text': 'The certificate is on the UKey; please check the details below. You can log in to the business system with this UKey now.',
    'download.done.recordFailed': 'The certificate is on the UKey and works, but the site could not record completion. Please click "Record again".',

    'err.title.agent': 'The UKey operation did not finish',
    'err.title.site': 'The site could not do this',
    'err.agent.PIN_INCORRECT': 'Wrong PIN. {retries} {retries:attempt|attempts} left.',
    'err.agent.PIN_INCORRECT.unknown': 'Wrong PIN. Please enter it again.',
    'err.agent.PIN_INCORRECT.finalTry': 'Wrong PIN. Only one attempt is left: one more wrong PIN locks the UKey. If you are not sure of the PIN, contact the certificate service staff first.',
    'err.agent.PIN_LOCKED': 'The UKey\'s PIN is locked; you cannot continue. Contact the certificate service staff (RA centre) to unlock it.',
    'err.agent.PIN_INVALID': 'The PIN must have {min}–{max} characters. Please check it and enter it again (this did not count as a wrong attempt).',
    'err.agent.PIN_NEEDED': 'The UKey helper on this computer cannot open a PIN window; please type the PIN in the PIN field.',
    'err.agent.TOKEN_NOT_FOUND': 'The UKey was removed or cannot be read. Plug it in and click the button again.',
    'err.agent.CANCELLED_BY_USER': 'You cancelled in the UKey helper\'s window. Click the button again when you are ready.',
    'err.agent.TOKEN_BUSY': 'Another program is using the UKey. Close other programs that use it (such as a login window of the business system) and try again shortly.',
    'err.agent.LOGIN_REQUIRED': 'The PIN must be checked again (idle for over 10 minutes, or the UKey was unplugged). Enter the PIN and try again.',
    'err.agent.OBJECT_NOT_FOUND': 'The certificate or key needed is no longer on the UKey. Reload this page and choose again.',
    'err.agent.CERT_KEY_MISMATCH': 'The certificate does not match any key on this UKey. Make sure it is the original UKey; if it still fails, contact the certificate service staff.',
    'err.agent.TOKEN_ERROR': 'The UKey failed to read or write{ckr}. Unplug it, plug it in again and retry; if it keeps happening, contact the certificate service staff.',
    'err.agent.UNSUPPORTED_ALGORITHM': 'This UKey does not support the required key type. Contact the certificate service staff.',
    'err.agent.TOKEN_FULL': 'The UKey has no room left. Contact the certificate service staff.',
    'err.agent.AGENT_UNAVAILABLE': 'Cannot reach the UKey helper on this computer. Make sure it is running, then try again.',
    'err.agent.DISCONNECTED': 'The connection to the UKey helper was interrupted. Make sure it is running, wait until the page shows "Connected", then try again.',
    'err.agent.NOT_CONNECTED': 'Not connected to the UKey helper yet. Wait until the page shows "Connected", then try again.',
    'err.agent.TIMEOUT': 'The UKey helper did not answer for a long time. Check whether one of its windows waits for you, then try again.',
    'err.agent.PERMISSION_DENIED': 'The browser blocks the connection to the UKey helper. Follow the instructions at the top of the page.',
    'err.agent.PERMISSION_PROMPT': 'First click "Connect to the UKey helper" and choose "Allow" in the browser\'s prompt.',
    'err.agent.PROTOCOL_MISMATCH': 'The UKey helper does not match this site; please install the new version.',
    'err.agent.other': 'The UKey helper reported an error ({reason}). Try again; if it persists, contact the certificate service staff and quote this code.',

    'err.site.NETWORK': 'Cannot reach the site\'s server. Check the network and try again.',
    'err.site.OUTSIDE_RENEWAL_WINDOW': 'This certificate cannot be renewed now: only from {before} days before until {after} days after it expires.',
    'err.site.UNKNOWN_CERTIFICATE': 'This site does not know this certificate; it renews only certificates of the Shandong Public Institution Supervision Network.',
    'err.site.CERTIFICATE_REVOKED': 'This certificate has been revoked and cannot be renewed.',
    'err.site.CHALLENGE_EXPIRED': 'This took too long and expired. Please click "Renew" again.',
    'err.site.CODE_INVALID': 'The reference number or authorization code is wrong.',
    'err.site.CODE_EXPIRED': 'The authorization code has expired.',
    'err.site.CODE_USED': 'This authorization code has been used already.',
    'err.site.CODE_LOCKED': 'Too many wrong codes: the authorization is locked.',
    'err.site.INTERNAL_ERROR': 'The site had an internal error. Please try again later.',
    'err.site.other': 'The site refused the request ({reason}). Please reload the page and try again.',
    'hint.attemptsLeft': '{n} {n:attempt|attempts} left.',
    'hint.contactRa': 'Please contact the Shandong RA centre for a new authorization.',
    'hint.contactService': 'If in doubt, contact the certificate service staff.',
    'hint.chooseAnother': 'Please choose another certificate.',
    'hint.window': 'Renewal period: {start} to {end} (the certificate expires {notAfter}).',
    'hint.keyRemoved': 'The new key pair made for this attempt was deleted; the UKey is as before.',
  },
};

let current = initialLanguage();

function initialLanguage() {
  try {
    const stored = globalThis.localStorage && globalThis.localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(stored)) return stored;
  } catch {
    // Storage blocked (private mode, policy): Chinese by default.
  }
  return 'zh';
}

/** @returns {'zh'|'en'} */
export function getLanguage() { return /** @type {any} */ (current); }

/**
 * Sets and remembers the language (localStorage), and tells listeners.
 * @param {'zh'|'en'} lang
 */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) throw new Error(`Unknown language ${lang}`);
  current = lang;
  try {
    globalThis.localStorage && globalThis.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; still switched for this page.
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.dispatchEvent(new CustomEvent('languagechange', { detail: { lang } }));
  }
}

/**
 * The string for `key` in the current (or given) language, with `{name}` replaced from params.
 * A missing key shows as the key itself, so it is seen rather than hidden.
 * @param {string} key
 * @param {Object<string, string|number>} [params]
 * @param {'zh'|'en'} [lang]
 * @returns {string}
 */
export function t(key, params, lang = current) {
  const table = messages[lang] || messages.zh;
  const text = table[key] ?? messages.zh[key] ?? key;
  if (!params) return text;
  // `{name}` is the value; `{name:one|other}` picks a word by the value (English plurals).
  return text.replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g, (m, name, one, other) => {
    if (!(name in params)) return m;
    if (one !== undefined) return Number(params[name]) === 1 ? one : other;
    return String(params[name]);
  });
}
