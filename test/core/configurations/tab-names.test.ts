// The editor's default tab name: the plain title while it is free, then one name per account, never
// longer than Sheets allows, and never one of Sheetgram's own tabs.
import { describe, expect, it } from 'vitest';
import { MAX_TAB_NAME, sameTabName, sheetgramTab, suggestTabName, tabSuggestions } from '../../../src/core/configurations/tab-names';

describe('suggestTabName', () => {
  it('keeps the report\'s title while no tab or configuration uses it', () => {
    expect(suggestTabName('User\'s Information', 'sunny', ['Sheet1', 'Posts'])).toBe('User\'s Information');
  });

  it('adds the account when the title is taken, and a number when that is taken too', () => {
    expect(suggestTabName('User\'s Information', 'sunny', ['User\'s Information'])).toBe('User\'s Information @sunny');
    expect(suggestTabName('User\'s Information', 'sunny', ['user\'s information', 'USER\'S INFORMATION @SUNNY'])).toBe('User\'s Information @sunny (2)');
    expect(suggestTabName('User\'s Information', 'sunny', ['User\'s Information', 'User\'s Information @sunny', 'User\'s Information @sunny (2)'])).toBe('User\'s Information @sunny (3)');
  });

  it('fits Sheets\' 100 characters by shortening the title, never the account', () => {
    const title = 'T'.repeat(120);
    const plain = suggestTabName(title, 'a_very_long_username_of_thirty', []);
    expect(plain).toHaveLength(MAX_TAB_NAME);
    const named = suggestTabName(title, 'a_very_long_username_of_thirty', [plain, `${plain} ignored`]);
    expect(named).toHaveLength(MAX_TAB_NAME);
    expect(named.endsWith(' @a_very_long_username_of_thirty')).toBe(true);
  });

  it('never offers Sheetgram\'s own tabs', () => {
    expect(sheetgramTab('Sheetgram log')).toMatch(/logs its runs/);
    expect(sheetgramTab(' dashboard @sunny ')).toMatch(/dashboard/);
    expect(sheetgramTab('Dashboard: all accounts')).toMatch(/dashboard/);
    expect(sheetgramTab('Sheetgram staging 1a2b')).toMatch(/Replace run keeps its rows/);
    expect(sheetgramTab('My dashboard')).toBeNull();
    expect(suggestTabName('Sheetgram log', 'sunny', [])).toBe('Sheetgram log @sunny');
  });

  it('compares names the way Sheets does: case and outer spaces do not matter', () => {
    expect(sameTabName(' Posts', 'posts ')).toBe(true);
    expect(sameTabName('Posts', 'Posts 2')).toBe(false);
  });
});

describe('tabSuggestions', () => {
  it('gives two accounts different names for the same report once the title is used', () => {
    const accounts = [{ id: '1', username: 'sunny' }, { id: '2', username: 'bakery' }];
    const reports = [{ id: 'user_information', title: 'User\'s Information' }, { id: 'recent_media', title: 'User\'s Recent Media' }];
    expect(tabSuggestions(accounts, reports, [])).toEqual({
      1: { user_information: 'User\'s Information', recent_media: 'User\'s Recent Media' },
      2: { user_information: 'User\'s Information', recent_media: 'User\'s Recent Media' },
    });
    const after = tabSuggestions(accounts, reports, ['User\'s Information']);
    expect(after[1].user_information).toBe('User\'s Information @sunny');
    expect(after[2].user_information).toBe('User\'s Information @bakery');
    expect(after[2].recent_media).toBe('User\'s Recent Media');
  });
});
