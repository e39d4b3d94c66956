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

type cacheReader struct {
	b   []byte
	err error
}

func (r *cacheReader) uvarint() uint64 {
	n, size := binary.Uvarint(r.b)
	if size <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[size:]
	return n
}

func (r *cacheReader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *cacheReader) fail() {
	if r.err == nil {
		r.err = errCacheCorrupt
	}
	r.b = nil
}

func (r *cacheReader) value(v reflect.Value) {
	if r.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(r.bytes(r.uvarint())))
	case reflect.Float64:
		if b := r.bytes(8); r.err == nil {
			v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
		}
	case reflect.Int:
		n, size := binary.Varint(r.b)
		if size <= 0 {
			r.fail()
			return
		}
		r.b = r.b[size:]
		v.SetInt(n)
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

func (r *cacheReader) varint() int64 {
	n, size := binary.Varint(r.b)
	if size <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[size:]
	return n
}
