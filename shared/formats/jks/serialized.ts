// A bounded reader for the Java Object Serialization stream that a JCEKS secret-key entry holds (a
// javax.crypto.SealedObject written by ObjectOutputStream). The stream has no length prefix, so the
// only way to find where the entry ends is to walk it. We keep strings and byte arrays, skip other
// values, and refuse what a SealedObject never contains (exceptions, opaque Externalizable data).
// Limits: nesting depth, class-hierarchy length, and every count checked against the bytes left.
import { CorruptInputError, TruncatedInputError } from '../../errors';
import { decodeModifiedUtf8 } from './bytes';
import type { ByteReader } from './bytes';

const STREAM_MAGIC = 0xaced;
const STREAM_VERSION = 5;
const BASE_HANDLE = 0x7e0000;
const MAX_DEPTH = 64;
const MAX_HIERARCHY = 32;

const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_STRING = 0x74;
const TC_ARRAY = 0x75;
const TC_CLASS = 0x76;
const TC_BLOCKDATA = 0x77;
const TC_ENDBLOCKDATA = 0x78;
const TC_RESET = 0x79;
const TC_BLOCKDATALONG = 0x7a;
const TC_LONGSTRING = 0x7c;
const TC_PROXYCLASSDESC = 0x7d;
const TC_ENUM = 0x7e;

const SC_WRITE_METHOD = 0x01;
const SC_SERIALIZABLE = 0x02;
const SC_EXTERNALIZABLE = 0x04;
const SC_BLOCK_DATA = 0x08;

/** Byte sizes of the primitive field type codes. */
const PRIMITIVE_SIZE: Record<string, number> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };

interface FieldDesc {
  readonly name: string;
  readonly typeCode: string;
}

interface ClassDesc {
  readonly kind: 'class';
  readonly name: string;
  flags: number;
  fields: FieldDesc[];
  superClass: ClassDesc | null;
}

export interface JavaObject {
  readonly kind: 'object';
  readonly className: string;
  /** Fields of the whole class hierarchy by name; values we skip are undefined. */
  readonly fields: Map<string, JavaValue>;
}

/** What we keep of a value: strings, byte arrays and objects; everything else is skipped. */
export type JavaValue = string | Uint8Array | JavaObject | null | undefined;

type Handle = ClassDesc | JavaValue;

function corrupt(detail: string): never {
  throw new CorruptInputError(`The secret key entry is not a valid Java serialized object (${detail}); the file is damaged.`);
}

/** A count or length that claims more than the rest of the file holds. */
function beyondEnd(what: string): never {
  throw new TruncatedInputError(`The secret key entry's ${what} runs past the end of the file; the file is incomplete or damaged.`);
}

class StreamWalker {
  private handles: Handle[] = [];

  constructor(private readonly reader: ByteReader) {}

  private newHandle(value: Handle): number {
    this.handles.push(value);
    return this.handles.length - 1;
  }

  private handle(): Handle {
    const wire = this.reader.u32('a serialized handle');
    const index = wire - BASE_HANDLE;
    if (index < 0 || index >= this.handles.length) corrupt(`reference to unknown handle 0x${wire.toString(16)}`);
    return this.handles[index];
  }

  private string(tag: number): string {
    const r = this.reader;
    if (tag === TC_STRING) {
      const text = r.utf('a serialized string');
      this.newHandle(text);
      return text;
    }
    const length = r.i64('the length of a serialized long string');
    if (length < 0n) corrupt('negative string length');
    if (length > BigInt(r.remaining)) beyondEnd('long string');
    const text = decodeModifiedUtf8(r.take(Number(length), 'a serialized long string'), 'a serialized long string');
    this.newHandle(text);
    return text;
  }

  /** A class descriptor, or null; TC_REFERENCE must point at one. */
  private classDesc(depth: number): ClassDesc | null {
    if (depth > MAX_DEPTH) corrupt('class descriptors nested too deeply');
    const r = this.reader;
    const tag = r.u8('a class descriptor');
    if (tag === TC_NULL) return null;
    if (tag === TC_REFERENCE) {
      const target = this.handle();
      if (typeof target !== 'object' || target === null || !('kind' in target) || target.kind !== 'class') corrupt('class reference to a non-class');
      return target as ClassDesc;
    }
    if (tag === TC_PROXYCLASSDESC) {
      const desc: ClassDesc = { kind: 'class', name: '<proxy>', flags: SC_SERIALIZABLE, fields: [], superClass: null };
      this.newHandle(desc);
      const count = r.u32('the interface count of a proxy class');
      if (count > r.remaining) beyondEnd('proxy interface list');
      for (let i = 0; i < count; i++) r.utf('a proxy interface name');
      this.annotation(depth + 1);
      desc.superClass = this.classDesc(depth + 1);
      return desc;
    }
    if (tag !== TC_CLASSDESC) corrupt(`type code 0x${tag.toString(16)} where a class descriptor belongs`);
    const name = r.utf('a class name');
    r.take(8, 'a serialVersionUID');
    const desc: ClassDesc = { kind: 'class', name, flags: 0, fields: [], superClass: null };
    this.newHandle(desc);
    desc.flags = r.u8('class flags');
    const fieldCount = r.u16('a field count');
    for (let i = 0; i < fieldCount; i++) {
      const typeCode = String.fromCharCode(r.u8('a field type'));
      const fieldName = r.utf('a field name');
      if (typeCode === 'L' || typeCode === '[') {
        const classTag = r.u8('a field class name');
        if (classTag === TC_STRING || classTag === TC_LONGSTRING) this.string(classTag);
        else if (classTag === TC_REFERENCE) this.handle();
        else corrupt('field class name is not a string');
      } else if (PRIMITIVE_SIZE[typeCode] === undefined) {
        corrupt(`unknown field type '${typeCode}'`);
      }
      desc.fields.push({ name: fieldName, typeCode });
    }
    this.annotation(depth + 1);
    desc.superClass = this.classDesc(depth + 1);
    return desc;
  }

  /** Block data and objects up to TC_ENDBLOCKDATA (class and object annotations). */
  private annotation(depth: number): void {
    const r = this.reader;
    for (;;) {
      const tag = r.u8('an annotation');
      if (tag === TC_ENDBLOCKDATA) return;
      if (tag === TC_BLOCKDATA) r.take(r.u8('a block length'), 'block data');
      else if (tag === TC_BLOCKDATALONG) {
        const length = r.u32('a block length');
        if (length > 0x7fffffff) corrupt('negative block length');
        r.take(length, 'block data');
      } else this.content(tag, depth + 1);
    }
  }

  /** Super-most class first, as the class data is laid out. */
  private hierarchy(desc: ClassDesc): ClassDesc[] {
    const chain: ClassDesc[] = [];
    for (let c: ClassDesc | null = desc; c; c = c.superClass) {
      if (chain.includes(c) || chain.length >= MAX_HIERARCHY) corrupt('class hierarchy loops or is too deep');
      chain.push(c);
    }
    return chain.reverse();
  }

  private fieldValue(typeCode: string, depth: number): JavaValue {
    const size = PRIMITIVE_SIZE[typeCode];
    if (size !== undefined) {
      this.reader.take(size, 'a primitive field');
      return undefined;
    }
    return this.value(depth + 1);
  }

  private object(depth: number): JavaObject {
    const desc = this.classDesc(depth + 1);
    if (!desc) corrupt('object without a class');
    const object: JavaObject = { kind: 'object', className: desc.name, fields: new Map() };
    this.newHandle(object);
    for (const c of this.hierarchy(desc)) {
      if (c.flags & SC_EXTERNALIZABLE) {
        if (!(c.flags & SC_BLOCK_DATA)) corrupt(`${c.name} uses the old Externalizable protocol`);
        this.annotation(depth + 1);
        continue;
      }
      for (const field of c.fields) object.fields.set(field.name, this.fieldValue(field.typeCode, depth));
      if (c.flags & SC_WRITE_METHOD) this.annotation(depth + 1);
    }
    return object;
  }

  private array(depth: number): JavaValue {
    const r = this.reader;
    const desc = this.classDesc(depth + 1);
    if (!desc || !desc.name.startsWith('[')) corrupt('array without an array class');
    const handle = this.newHandle(undefined);
    const length = r.u32('an array length');
    if (length > 0x7fffffff) corrupt('negative array length');
    const elementType = desc.name.charAt(1);
    const size = PRIMITIVE_SIZE[elementType];
    if (size !== undefined) {
      const data = r.take(length * size, 'array elements');
      const value = elementType === 'B' ? data : undefined;
      this.handles[handle] = value;
      return value;
    }
    if (length > r.remaining) beyondEnd('array');
    for (let i = 0; i < length; i++) this.value(depth + 1);
    return undefined;
  }

  private content(tag: number, depth: number): JavaValue {
    if (depth > MAX_DEPTH) corrupt('objects nested too deeply');
    switch (tag) {
      case TC_NULL:
        return null;
      case TC_REFERENCE: {
        const target = this.handle();
        return typeof target === 'object' && target !== null && 'kind' in target && target.kind === 'class' ? undefined : (target as JavaValue);
      }
      case TC_OBJECT:
        return this.object(depth);
      case TC_STRING:
      case TC_LONGSTRING:
        return this.string(tag);
      case TC_ARRAY:
        return this.array(depth);
      case TC_CLASS:
        this.classDesc(depth + 1);
        this.newHandle(undefined);
        return undefined;
      case TC_ENUM: {
        this.classDesc(depth + 1);
        const handle = this.newHandle(undefined);
        const name = this.value(depth + 1);
        this.handles[handle] = typeof name === 'string' ? name : undefined;
        return this.handles[handle] as JavaValue;
      }
      case TC_RESET:
        this.handles = [];
        return this.value(depth + 1);
      default:
        return corrupt(`unexpected type code 0x${tag.toString(16)}`);
    }
  }

  value(depth = 0): JavaValue {
    return this.content(this.reader.u8('a serialized value'), depth);
  }
}

/**
 * Read one object stream (magic, version, one object) from the reader's position and leave the reader
 * just after it. Throws CorruptInputError / TruncatedInputError.
 */
export function readSerializedObject(reader: ByteReader): JavaValue {
  if (reader.u16('the serialization header') !== STREAM_MAGIC) corrupt('missing stream header AC ED');
  if (reader.u16('the serialization version') !== STREAM_VERSION) corrupt('unknown stream version');
  return new StreamWalker(reader).value();
}
