package gitstore

import (
	"encoding/binary"
	"errors"
	"math"
	"reflect"
)

// The load cache's record codec: an exact binary image of a record's
// fields by reflection. gob cannot be used: it drops pointers to zero
// values, so "active: false" or "value: 0" came back as absent. This codec
// keeps nil and zero apart for pointers and slices, and decodes without
// trusting its input (every length is bounds-checked).

var errCacheCorrupt = errors.New("load cache corrupt")

func appendValue(b []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.String:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		return append(b, v.String()...)
	case reflect.Float64:
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Float()))
	case reflect.Int:
		return binary.AppendVarint(b, v.Int())
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1)
		}
		return append(b, 0)
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0)
		}
		return appendValue(append(b, 1), v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return append(b, 0)
		}
		b = binary.AppendUvarint(b, uint64(v.Len())+1)
		for i := range v.Len() {
			b = appendValue(b, v.Index(i))
		}
		return b
	case reflect.Struct:
		for i := range v.NumField() {
			b = appendValue(b, v.Field(i))
		}
		return b
	}
	panic("load cache: unsupported field kind " + v.Kind().String())
}

// cacheReader decodes what appendValue and the cache files' writers
// wrote, from bytes or from a string. Decoding from a string makes every
// string field a part of it rather than a copy: a warm load reads the
// snapshot into one string, and its records' strings are slices of it.
type cacheReader[T ~string | ~[]byte] struct {
	b   T
	err error
}

func (r *cacheReader[T]) uvarint() uint64 {
	var x uint64
	for i := 0; i < len(r.b) && i < binary.MaxVarintLen64; i++ {
		c := r.b[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // overflows 64 bits
			}
			r.b = r.b[i+1:]
			return x | uint64(c)<<(7*i)
		}
		x |= uint64(c&0x7f) << (7 * i)
	}
	r.fail()
	return 0
}

func (r *cacheReader[T]) bytes(n uint64) T {
	if n > uint64(len(r.b)) {
		r.fail()
		return r.b[:0]
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *cacheReader[T]) fail() {
	if r.err == nil {
		r.err = errCacheCorrupt
	}
	r.b = r.b[:0]
}

func (r *cacheReader[T]) value(v reflect.Value) {
	if r.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(r.bytes(r.uvarint())))
	case reflect.Float64:
		if b := r.bytes(8); r.err == nil {
			var u uint64
			for i := range 8 {
				u |= uint64(b[i]) << (8 * i)
			}
			v.SetFloat(math.Float64frombits(u))
		}
	case reflect.Int:
		n := r.varint()
		if r.err == nil {
			v.SetInt(n)
		}
	case reflect.Bool:
		if b := r.bytes(1); r.err == nil {
			v.SetBool(b[0] == 1)
		}
	case reflect.Pointer:
		if p := r.bytes(1); r.err == nil && p[0] == 1 {
			v.Set(reflect.New(v.Type().Elem()))
			r.value(v.Elem())
		}
	case reflect.Slice:
		n := r.uvarint()
		if n == 0 || r.err != nil {
			return
		}
		n--
		if n > uint64(len(r.b)) { // every element takes at least one byte
			r.fail()
			return
		}
		s := reflect.MakeSlice(v.Type(), int(n), int(n))
		for i := range int(n) {
			r.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			r.value(v.Field(i))
		}
	default:
		r.fail()
	}
}

func (r *cacheReader[T]) varint() int64 {
	ux := r.uvarint() // as binary.Varint: zig-zag
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}
