// Generated captions and comment texts: emoji, hashtags, mentions and newlines, like real posts.
import { Sequence } from './random';

const OPENERS = ['Golden hour again', 'New recipe drop', 'Behind the scenes', 'Sunday reset', 'Studio day', 'Trail run',
  'Coffee first', 'Packing list', 'Tiny wins', 'Rainy city walk', 'Market haul', 'Before / after'];
const EMOJI = ['✨', '🌅', '☕', '🔥', '📸', '🌿', '💫', '🙌', '🎉', '🏃‍♀️', '🍜', '❤️'];
const TAGS = ['#travel', '#foodie', '#photography', '#slowliving', '#reels', '#weekend', '#creator', '#summer'];
const COMMENTS = ['Love this! 😍', 'Where is this?', 'So good 🔥', 'Need the recipe please', 'Wow 👏👏',
  'This made my day', 'Saving for later', 'Stunning colours ✨', 'How long did this take?', '🙌', 'Goals!',
  'Can you share the preset?'];
const REPLIES = ['Thank you! ❤️', 'Lisbon! 🇵🇹', 'Recipe in bio 🙏', 'About two hours', 'Glad you like it ✨'];

export function generatedCaption(seed: number, key: string): string {
  const s = new Sequence(seed, 'caption', key);
  const lines = [`${s.pick(OPENERS)} ${s.pick(EMOJI)}`];
  if (s.next() < 0.5) lines.push('', `Swipe for more ${s.pick(EMOJI)}`);
  lines.push(`${s.pick(TAGS)} ${s.pick(TAGS)}`);
  return lines.join('\n');
}

export function commentText(seed: number, key: string, reply: boolean): string {
  const s = new Sequence(seed, 'comment', key);
  return s.pick(reply ? REPLIES : COMMENTS);
}

/** Usernames of the people who comment, tag and post under hashtags. */
export function fanUsername(seed: number, key: string): string {
  const s = new Sequence(seed, 'fan', key);
  const first = s.pick(['ana', 'ben', 'chen', 'dara', 'eli', 'femi', 'gus', 'hana', 'ivo', 'jun', 'kai', 'lea']);
  return `${first}.${s.pick(['travels', 'eats', 'shoots', 'runs', 'makes', 'reads'])}${s.int(1, 999)}`;
}
