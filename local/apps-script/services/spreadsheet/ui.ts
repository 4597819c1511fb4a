// The Ui and Menu facades: menus are recorded per user on the Workbook; sidebars and dialogs need
// FULL mode; alerts are answered from the Workbook's scripted queue of button choices.
import { guarded } from '../../platform';
import { enter, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import { BUTTONS_OF_SET, type ButtonSetName, type MenuRecord, type ShownHtml } from './ui-record';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;

const BUTTON = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
const BUTTON_SET = Object.fromEntries(Object.keys(BUTTONS_OF_SET).map((k) => [k, k])) as Record<ButtonSetName, ButtonSetName>;

function createMenu(ctx: FacadeContext, userId: string, record: MenuRecord): Menu {
  const menu = {
    addItem(caption: string, functionName: string) {
      enter(ctx, 'Menu', 'addItem', 'free');
      record.entries.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
      return self;
    },
    addSeparator() {
      enter(ctx, 'Menu', 'addSeparator', 'free');
      record.entries.push({ kind: 'separator' });
      return self;
    },
    addSubMenu(subMenu: Menu) {
      enter(ctx, 'Menu', 'addSubMenu', 'free');
      const sub = recordOf.get(subMenu);
      if (!sub) throw new Error(SPREADSHEET_ERRORS.methodSignature('Menu.addSubMenu', 'Object'));
      record.entries.push({ kind: 'submenu', menu: sub });
      return self;
    },
    addToUi() {
      enter(ctx, 'Menu', 'addToUi', 'free');
      ctx.workbook.ui.addMenu(userId, structuredClone(record));
    },
  };
  const self = guarded('Menu', menu) as unknown as Menu;
  recordOf.set(self, record);
  return self;
}

const recordOf = new WeakMap<object, MenuRecord>();

/** Reads title and HTML from an HtmlOutput when it offers them (HtmlService is another fake). */
function describe(output: unknown): Pick<ShownHtml, 'title' | 'html'> {
  const o = output as { getTitle?: () => string; getContent?: () => string } | null;
  if (!o || typeof o !== 'object') throw new Error(SPREADSHEET_ERRORS.methodSignature('Ui.showSidebar', 'null'));
  return { title: 'getTitle' in o ? o.getTitle?.() : undefined, html: 'getContent' in o ? o.getContent?.() : undefined };
}

export function createUi(ctx: FacadeContext): Ui {
  const { workbook, platform } = ctx;
  const userId = () => platform.current().user.id;

  const show = (method: string, kind: ShownHtml['kind'], output: unknown, title?: string) => {
    const execution = enter(ctx, 'Ui', method, 'free');
    if (execution.authMode !== 'FULL') throw new Error(SPREADSHEET_ERRORS.uiNotPermitted(method));
    const described = describe(output);
    workbook.ui.shown.push({ userId: execution.user.id, kind, output, ...described, title: title ?? described.title, at: platform.clock.now() });
  };

  const ui = {
    Button: BUTTON,
    ButtonSet: BUTTON_SET,
    createAddonMenu() {
      enter(ctx, 'Ui', 'createAddonMenu', 'free');
      return createMenu(ctx, userId(), { title: workbook.addonName, addon: true, entries: [] });
    },
    createMenu(caption: string) {
      enter(ctx, 'Ui', 'createMenu', 'free');
      return createMenu(ctx, userId(), { title: String(caption), addon: false, entries: [] });
    },
    showSidebar: (output: unknown) => show('showSidebar', 'sidebar', output),
    showModalDialog: (output: unknown, title: string) => show('showModalDialog', 'modal-dialog', output, title),
    showModelessDialog: (output: unknown, title: string) => show('showModelessDialog', 'modeless-dialog', output, title),
    /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons). */
    alert(...args: unknown[]) {
      const execution = enter(ctx, 'Ui', 'alert', 'free');
      if (execution.authMode !== 'FULL') throw new Error(SPREADSHEET_ERRORS.uiNotPermitted('alert'));
      const [title, prompt, buttons] = args.length >= 3 ? args : [undefined, args[0], args[1] ?? 'OK'];
      if (typeof buttons !== 'string' || !(buttons in BUTTONS_OF_SET)) throw new Error(SPREADSHEET_ERRORS.methodSignature('Ui.alert', 'Object'));
      const answer = workbook.ui.takeAnswer(buttons as ButtonSetName);
      workbook.ui.alerts.push({ userId: execution.user.id, title: title === undefined ? undefined : String(title), prompt: String(prompt), buttons: buttons as ButtonSetName, answer, at: platform.clock.now() });
      return answer;
    },
  };
  return guarded('Ui', ui) as unknown as Ui;
}
