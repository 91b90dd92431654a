import { describe, expect, it } from 'vitest';
import { parseRulesText } from './rules-format.ts';

describe('parseRulesText', () => {
  it('splits paragraphs at blank lines and keeps single line breaks inside a paragraph', () => {
    expect(parseRulesText('Первый абзац,\nего вторая строка.\n\n \t\nВторой абзац.')).toEqual([
      { kind: 'paragraph', text: 'Первый абзац,\nего вторая строка.' },
      { kind: 'paragraph', text: 'Второй абзац.' },
    ]);
  });

  it('turns lines starting with "- " into one list, after the paragraph that introduces it', () => {
    expect(
      parseRulesText(
        'Зачисление:\n- сразу после оплаты;\n- в учёт — до 24 часов.\nПлатить повторно не нужно.',
      ),
    ).toEqual([
      { kind: 'paragraph', text: 'Зачисление:' },
      { kind: 'list', items: ['сразу после оплаты;', 'в учёт — до 24 часов.'] },
      { kind: 'paragraph', text: 'Платить повторно не нужно.' },
    ]);
  });

  it('continues a list item on an indented line, and separates lists split by a blank line', () => {
    expect(parseRulesText('- первый пункт\n  продолжается здесь\n\n- второй список')).toEqual([
      { kind: 'list', items: ['первый пункт продолжается здесь'] },
      { kind: 'list', items: ['второй список'] },
    ]);
  });

  it('reads Windows line breaks, indented markers, and drops empty items and empty text', () => {
    expect(parseRulesText('\r\n  - один\r\n- \r\n-  два  \r\n\r\n\r\n')).toEqual([
      { kind: 'list', items: ['один', 'два'] },
    ]);
    expect(parseRulesText('')).toEqual([]);
    expect(parseRulesText('\n \n\n')).toEqual([]);
  });

  it('leaves "-" without a space, dashes and numbers as ordinary text', () => {
    expect(parseRulesText('-10% скидка\n— реплика\n1. Порядок оплаты')).toEqual([
      { kind: 'paragraph', text: '-10% скидка\n— реплика\n1. Порядок оплаты' },
    ]);
  });

  it('keeps markup as plain text', () => {
    expect(parseRulesText('<script>alert(1)</script>\n- <b>жирный</b>')).toEqual([
      { kind: 'paragraph', text: '<script>alert(1)</script>' },
      { kind: 'list', items: ['<b>жирный</b>'] },
    ]);
  });
});
