// What the Sheets UI showed, kept on the Workbook so tests and the playground can read it: menus per
// user, sidebars, dialogs, alerts (answered from a scripted queue of button choices) and toasts.

export type ButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export const BUTTONS_OF_SET: Record<ButtonSetName, readonly ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };

export interface MenuRecord {
  title: string;
  /** createAddonMenu(): shown under Extensions > add-on name. */
  addon: boolean;
  entries: MenuEntry[];
}

export interface ShownHtml {
  userId: string;
  kind: 'sidebar' | 'modal-dialog' | 'modeless-dialog';
  /** The HtmlOutput object as the script passed it. */
  output: unknown;
  title?: string;
  html?: string;
  at: number;
}

export interface AlertRecord {
  userId: string;
  title?: string;
  prompt: string;
  buttons: ButtonSetName;
  answer: ButtonName;
  at: number;
}

export interface ToastRecord {
  userId: string;
  message: string;
  title?: string;
  timeoutSeconds?: number;
  at: number;
}

export class UiRecord {
  private readonly menusByUser = new Map<string, MenuRecord[]>();
  readonly shown: ShownHtml[] = [];
  readonly alerts: AlertRecord[] = [];
  readonly toasts: ToastRecord[] = [];
  private readonly answers: ButtonName[] = [];

  /** The menus this user sees, in the order they were added. */
  menus(userId: string): readonly MenuRecord[] {
    return this.menusByUser.get(userId) ?? [];
  }

  /** Reopening the document starts from no custom menus; onOpen adds them again. */
  resetMenus(userId: string): void {
    this.menusByUser.delete(userId);
  }

  addMenu(userId: string, menu: MenuRecord): void {
    const list = (this.menusByUser.get(userId) ?? []).filter((m) => !(m.title === menu.title && m.addon === menu.addon));
    list.push(menu);
    this.menusByUser.set(userId, list);
  }

  /** The button the person will press on the next alert. CLOSE (the dialog's X) is always possible. */
  answerNextAlert(button: ButtonName): void {
    this.answers.push(button);
  }

  takeAnswer(buttons: ButtonSetName): ButtonName {
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error('local runtime: Ui.alert was shown but no answer is queued (workbook.ui.answerNextAlert)');
    if (answer !== 'CLOSE' && !BUTTONS_OF_SET[buttons].includes(answer)) {
      throw new Error(`local runtime: the queued answer ${answer} is not a button of ButtonSet.${buttons}`);
    }
    return answer;
  }

  lastSidebar(userId?: string): ShownHtml | undefined {
    return this.shown.filter((s) => s.kind === 'sidebar' && (userId === undefined || s.userId === userId)).at(-1);
  }
}
