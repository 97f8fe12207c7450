/**
 * The answers of keyed actions a case remembers and carries across continue-as-new
 * (src/workflows/case/keyed-answers.ts): only keyed update ids, the newest kept, carried and read back.
 */
import { KEYED_ANSWERS_KEPT, KeyedAnswers } from '../../../src/workflows/case/keyed-answers';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const keyed = (n: number, action = 'notes') => `${action}:${hex(n)}`;
const answer = (seq: number) => ({ caseId: 'AC-1', status: 'awaiting_survey' as const, seq });

test('only keyed update ids are remembered (the client SDK names other updates by a UUID)', () => {
  const answers = new KeyedAnswers('AC-1');
  answers.remember(keyed(1), answer(7));
  answers.remember(keyed(2, 'arbitration-ruling'), answer(8));
  for (const other of [undefined, '4d6f0c2e-2b1a-4c59-9f5e-0a1b2c3d4e5f', 'notes:abc', `Notes:${hex(3)}`, `notes:${hex(4)}x`, `:${hex(5)}`]) answers.remember(other, answer(9));
  expect(answers.size).toBe(2);
  expect(answers.answerTo(keyed(1))).toEqual(answer(7));
  expect(answers.answerTo(keyed(2, 'arbitration-ruling'))).toEqual(answer(8));
  expect(answers.answerTo(keyed(3))).toBeUndefined();
  expect(answers.answerTo(undefined)).toBeUndefined();
});

test(`only the newest ${KEYED_ANSWERS_KEPT} are kept; answering again makes an answer the newest`, () => {
  const answers = new KeyedAnswers('AC-1', [], 3);
  for (let i = 1; i <= 3; i++) answers.remember(keyed(i), answer(i));
  answers.remember(keyed(1), answer(1)); // 1 is now the newest: 2 goes first
  answers.remember(keyed(4), answer(4));
  expect(answers.carried().map(([id]) => id)).toEqual([keyed(3), keyed(1), keyed(4)]);
  const many = new KeyedAnswers('AC-1');
  for (let i = 0; i < KEYED_ANSWERS_KEPT + 10; i++) many.remember(keyed(i), answer(i));
  expect(many.size).toBe(KEYED_ANSWERS_KEPT);
  expect(many.answerTo(keyed(9))).toBeUndefined();
  expect(many.answerTo(keyed(10))).toEqual(answer(10));
});

test('what a checkpoint carries is read back as the same answers, for the same case', () => {
  const answers = new KeyedAnswers('AC-1');
  answers.remember(keyed(1), answer(5));
  answers.remember(keyed(2, 'escalate'), { caseId: 'AC-1', status: 'awaiting_survey', seq: 6 });
  const carried = answers.carried();
  expect(carried).toEqual([
    [keyed(1), 'awaiting_survey', 5],
    [keyed(2, 'escalate'), 'awaiting_survey', 6],
  ]);
  const resumed = new KeyedAnswers('AC-1', JSON.parse(JSON.stringify(carried)));
  expect(resumed.answerTo(keyed(1))).toEqual(answer(5));
  expect(resumed.answerTo(keyed(2, 'escalate'))).toEqual({ caseId: 'AC-1', status: 'awaiting_survey', seq: 6 });
  expect(resumed.carried()).toEqual(carried);
});
