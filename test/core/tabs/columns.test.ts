// Finding Sheetgram's columns in a tab: a column a person deleted is put back with a message; a column
// only one login fills, missing from a tab an account of the other login wrote first, is added quietly.
import { describe, expect, it } from 'vitest';
import { locateTab, type LayoutColumn } from '../../../src/core/tabs/columns';
import { MemoryTabs } from './memory-tab';

const TARGET = { sheetId: null, name: 'Profile' };

describe('locateTab', () => {
  it('puts back a deleted column of Sheetgram\'s with a message that names it', () => {
    const tabs = new MemoryTabs();
    tabs.addSheet('Profile', [['Account', 'Followers']]);
    const columns: LayoutColumn[] = [{ header: 'Account', type: 'text' }, { header: 'Followers', type: 'integer' }, { header: 'Posts', type: 'integer' }];
    const located = locateTab(tabs, TARGET, columns);
    expect(located.columnOf).toEqual([1, 2, 3]);
    expect(located.added).toEqual([2]);
    expect(located.messages).toEqual(['Column "Posts" was not found (renamed or deleted?), so Sheetgram added it back at column 3.']);
  });

  it('adds a column only some sign-ins fill without saying anything was renamed or deleted', () => {
    const tabs = new MemoryTabs();
    tabs.addSheet('Profile', [['Account', 'Followers']]);
    const columns: LayoutColumn[] = [{ header: 'Account', type: 'text' }, { header: 'Account type', type: 'text', someLogins: true }, { header: 'Followers', type: 'integer' }];
    const located = locateTab(tabs, TARGET, columns);
    expect(located.columnOf).toEqual([1, 3, 2]);
    expect(located.added).toEqual([1]);
    expect(located.messages).toEqual([]);
  });
});
