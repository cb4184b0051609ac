import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { mergeConventions } from '../../server/src/core/conventions/mergeConventions';
import { parseConventions } from '../../server/src/core/conventions/parseConventions';
import { defaultConventions } from '../../server/src/core/conventions/types';
import { codeGuid, exportCodebook } from '../../server/src/core/interchange/refiCodebook';
import { uuidv5 } from '../../server/src/core/interchange/uuidv5';

const ROOT = join(__dirname, '..', '..');
const example = () => mergeConventions([parseConventions('file:///e/.briefmark.yaml', readFileSync(join(ROOT, 'examples', '.briefmark.yaml'), 'utf8')).layer]);

// The REFI-QDA Codebook 1.0 schema (Codebook.xsd), written out as checks:
//   CodeBook (root, ns urn:QDA-XML:codebook:1.0): sequence Codes (1), Sets (0..1); @origin string.
//   Codes: Code (1..n).  Code: Description (0..1), Code (0..n); @guid GUIDType, @name, @isCodable boolean required; @color RGBType.
//   Sets: Set (1..n).  Set: Description (0..1), MemberCode (0..n); @guid, @name required.
//   MemberCode: @guid GUIDType required (`targetGUID` is the Project schema's CodeRef, not this one).
//   No type allows attributes it does not declare (no anyAttribute).
const GUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$|^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;
type El = Record<string, unknown>;

function children(el: El): Array<[string, El]> {
  const out: Array<[string, El]> = [];
  for (const item of (el[Object.keys(el).find((k) => k !== ':@')!] as El[]) ?? []) {
    const name = Object.keys(item).find((k) => k !== ':@')!;
    if (name === '#text') {
      const t = String((item['#text'] as unknown) ?? '');
      if (t.trim()) out.push(['#text', item]);
      continue;
    }
    out.push([name, item]);
  }
  return out;
}
const attrs = (el: El) => (el[':@'] ?? {}) as Record<string, string>;

const XSD = join(ROOT, 'test', 'fixtures', 'refi-qda', 'Codebook.xsd');

/** The real schema, with a real validator: xmllint (Debian's libxml2-utils, installed by scripts/setup-test-tools.sh). */
function xmllint(xml: string): { ok: boolean; errors: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, '-'], { input: xml, encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed (apt-get install libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, errors: r.stderr };
}

function checkCodebookSchema(xml: string): { guids: string[]; names: string[] } {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const v = xmllint(xml);
  assert.ok(v.ok, `valid against Codebook.xsd:\n${v.errors}`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false }).parse(xml) as El[];
  const roots = doc.filter((n) => !('?xml' in n) && !('#text' in n));
  assert.equal(roots.length, 1, 'one root element');
  const root = roots[0];
  assert.ok('CodeBook' in root, 'root element is CodeBook');
  assert.equal(attrs(root).xmlns, 'urn:QDA-XML:codebook:1.0');
  const seq = children(root).map(([n]) => n);
  assert.ok(seq[0] === 'Codes' && (seq.length === 1 || (seq.length === 2 && seq[1] === 'Sets')), `CodeBook holds Codes then optional Sets, got ${seq}`);
  const guids: string[] = [];
  const names: string[] = [];
  const only = (el: El, what: string, allowed: string[]) => {
    for (const k of Object.keys(attrs(el))) assert.ok(allowed.includes(k), `${what} has no attribute ${k}`);
  };
  only(root, 'CodeBook', ['xmlns', 'xmlns:xsi', 'xsi:schemaLocation', 'origin']);
  const checkCode = (code: El) => {
    const a = attrs(code);
    only(code, 'Code', ['guid', 'name', 'isCodable', 'color']);
    assert.match(a.guid, GUID, 'Code@guid is a GUIDType');
    assert.ok(typeof a.name === 'string' && a.name.length > 0, 'Code@name required');
    assert.ok(['true', 'false', '1', '0'].includes(a.isCodable), 'Code@isCodable is an xsd:boolean');
    if (a.color !== undefined) assert.match(a.color, /^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/);
    guids.push(a.guid);
    names.push(a.name);
    const kids = children(code);
    let seenCode = false;
    kids.forEach(([n], i) => {
      if (n === 'Description') assert.ok(i === 0 && !seenCode, 'Description comes first, at most once');
      else if (n === 'Code') {
        seenCode = true;
        checkCode(kids[i][1]);
      } else assert.fail(`unexpected <${n}> in Code`);
    });
  };
  const codes = children(children(root)[0][1]);
  assert.ok(codes.length >= 1, 'Codes holds at least one Code');
  for (const [n, el] of codes) {
    assert.equal(n, 'Code');
    checkCode(el);
  }
  if (seq[1] === 'Sets') {
    const sets = children(children(root)[1][1]);
    assert.ok(sets.length >= 1, 'Sets holds at least one Set');
    for (const [n, set] of sets) {
      assert.equal(n, 'Set');
      only(set, 'Set', ['guid', 'name']);
      assert.match(attrs(set).guid, GUID);
      assert.ok(attrs(set).name);
      guids.push(attrs(set).guid);
      for (const [m, member] of children(set)) {
        assert.ok(m === 'Description' || m === 'MemberCode', `unexpected <${m}> in Set`);
        if (m === 'MemberCode') {
          only(member, 'MemberCode', ['guid']);
          assert.match(attrs(member).guid, GUID, 'MemberCode@guid is a GUIDType');
          assert.ok(guids.includes(attrs(member).guid), 'MemberCode points at a Code of this codebook');
        }
      }
    }
  }
  assert.equal(new Set(guids).size, guids.length, 'GUIDs are unique');
  return { guids, names };
}

describe('REFI-QDA codebook export (.qdc)', () => {
  it('UUID v5 matches the RFC test vector', () => {
    assert.equal(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it("the example conventions' codebook satisfies the Codebook schema's requirements", () => {
    const xml = exportCodebook(example());
    const { names } = checkCodebookSchema(xml);
    for (const n of ['claim', 'actor', 'rec', 'Emmanuel Macron', 'Coalition of the Willing', 'contested', 'Track: Diplomatic Pathway']) assert.ok(names.includes(n), n);
    assert.match(xml, /<Set guid="[^"]+" name="Actors: person">/);
  });

  it('the real schema rejects what Briefmark wrote before (targetGUID in a codebook), and xmllint is really used', () => {
    const xml = exportCodebook(example());
    const old = xml.replace(/<MemberCode guid=/g, '<MemberCode targetGUID=');
    assert.notEqual(old, xml);
    const v = xmllint(old);
    assert.equal(v.ok, false);
    assert.match(v.errors, /attribute 'targetGUID': The attribute 'targetGUID' is not allowed/);
    assert.equal(xmllint(xml).ok, true);
  });

  it('the checks reject what the schema rejects', () => {
    const ns = 'xmlns="urn:QDA-XML:codebook:1.0"';
    const code = '<Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="a" isCodable="true"/>';
    checkCodebookSchema(`<?xml version="1.0"?><CodeBook ${ns}><Codes>${code}</Codes></CodeBook>`);
    // As ATLAS.ti writes a set, which NVivo, MAXQDA and QualCoder import.
    checkCodebookSchema(`<CodeBook ${ns} origin="x"><Codes>${code}</Codes><Sets><Set name="g" guid="1D62985D-B147-5D01-A9B5-CAE5DCD98342"><Description>d</Description><MemberCode guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342"/></Set></Sets></CodeBook>`);
    for (const bad of [
      `<CodeBook ${ns}><Codes></Codes></CodeBook>`,
      `<CodeBook ${ns}><Codes>${code}</Codes><Sets></Sets></CodeBook>`,
      `<CodeBook><Codes>${code}</Codes></CodeBook>`,
      `<CodeBook ${ns}><Codes><Code guid="nope" name="a" isCodable="true"/></Codes></CodeBook>`,
      `<CodeBook ${ns}><Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="a"/></Codes></CodeBook>`,
      `<CodeBook ${ns}><Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="a" isCodable="yes"/></Codes></CodeBook>`,
      `<CodeBook ${ns}><Codes>${code}${code}</Codes></CodeBook>`,
      // The Project schema's reference attribute in a codebook (what Briefmark wrote before).
      `<CodeBook ${ns}><Codes>${code}</Codes><Sets><Set guid="1D62985D-B147-5D01-A9B5-CAE5DCD98342" name="s"><MemberCode targetGUID="0D62985D-B147-5D01-A9B5-CAE5DCD98342"/></Set></Sets></CodeBook>`,
      `<CodeBook ${ns}><Codes>${code.replace('/>', ' colour="#FFF"/>')}</Codes></CodeBook>`,
      `<CodeBook ${ns}><Codes>${code.replace('/>', '>')}<Description>late</Description></Code></Codes></CodeBook>`.replace('<Description>late</Description>', '<Code guid="1D62985D-B147-5D01-A9B5-CAE5DCD98342" name="b" isCodable="true"/><Description>late</Description>'),
    ])
      assert.throws(() => checkCodebookSchema(bad), Error, bad);
  });

  it('the defaults alone (no actors, so no Sets) are valid too', () => {
    const xml = exportCodebook(defaultConventions());
    checkCodebookSchema(xml);
    assert.doesNotMatch(xml, /<Sets/);
  });

  it('GUIDs are stable: the same vocabulary gives the same GUIDs, whatever the order or other entries', () => {
    const a = exportCodebook(example());
    assert.equal(exportCodebook(example()), a);
    const c = example();
    c.actors.reverse();
    c.actors.push({ id: 'new', name: 'New <&> "Actor"' });
    const b = exportCodebook(c);
    const guidOf = (xml: string, name: string) => new RegExp(`<Code guid="([^"]+)" name="${name}"`).exec(xml)?.[1];
    assert.equal(guidOf(b, 'Emmanuel Macron'), guidOf(a, 'Emmanuel Macron'));
    assert.equal(guidOf(a, 'Emmanuel Macron'), codeGuid('actor', 'fr-president'));
    assert.match(b, /name="New &lt;&amp;&gt; &quot;Actor&quot;"/);
    checkCodebookSchema(b);
  });

  it('the CLI writes it: briefmark export-codebook --out FILE PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefmark-qdc-'));
    try {
      const out = join(dir, 'team.qdc');
      execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'export-codebook', '--out', out, join(ROOT, 'examples')], { encoding: 'utf8', stdio: 'pipe' });
      const xml = readFileSync(out, 'utf8');
      checkCodebookSchema(xml);
      assert.equal(xml, exportCodebook(example()).replace('origin="Briefmark"', 'origin="Briefmark 0.1.0"'));
      const stdout = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'export-codebook', join(ROOT, 'examples', 'ceasefire-impasse.brief.md')], { encoding: 'utf8' });
      assert.equal(stdout, xml);
      assert.throws(() => execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'export-codebook', '--bogus'], { stdio: 'pipe' }), (e: { status: number }) => e.status === 2);
      assert.throws(() => execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'export-codebook', join(dir, 'nope')], { stdio: 'pipe' }), (e: { status: number }) => e.status === 2);
      // A broken conventions file: its problems on stderr (exit 1), the valid part still exported.
      writeFileSync(join(dir, '.briefmark.yaml'), 'actors:\n  - { id: ok, name: Still Here }\n  - { id: bad, name: Bad, type: martian }\n');
      const broken = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'export-codebook', '--out', join(dir, 'b.qdc'), dir], { encoding: 'utf8', cwd: dir });
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, /^\.briefmark\.yaml:3:33 error invalid-conventions "martian" is not allowed for actors\[1\]\.type/m);
      const partial = readFileSync(join(dir, 'b.qdc'), 'utf8');
      checkCodebookSchema(partial);
      assert.match(partial, /name="Still Here"/);
      assert.match(partial, /name="Bad"/, 'only the bad field is dropped, not the actor');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
