package search

// termTable counts the terms of one document: an open-addressing hash
// table of terms, reused from document to document. A document looks up
// each of its words, most of them again and again; a Go map hashes and
// probes at about three times the cost.
type termTable struct {
	slots []termSlot // a power of two of them, at most half full
	// order holds the used slots in the order their terms came, which is
	// the order each gives them in.
	order []int32
	// text is a buffer for the normalized text that terms are slices of,
	// kept from document to document.
	text []byte
}

type termSlot struct {
	term string
	hash uint32 // 0 for an empty slot
	val  uint32
}

// minTermSlots is the size of a new table: room for the terms of a
// short article without growing.
const minTermSlots = 1024

// at returns the value of term, made 0 the first time.
func (t *termTable) at(term string) *uint32 {
	if t.slots == nil {
		t.slots = make([]termSlot, minTermSlots)
	}
	h := termHash(term)
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.hash == h && s.term == term {
			return &s.val
		}
		if s.hash == 0 {
			if 2*(len(t.order)+1) > len(t.slots) {
				t.grow()
				return t.at(term)
			}
			s.term, s.hash = term, h
			t.order = append(t.order, int32(i))
			return &s.val
		}
	}
}

// grow doubles the table.
func (t *termTable) grow() {
	old := t.slots
	t.slots = make([]termSlot, 2*len(old))
	mask := uint32(len(t.slots) - 1)
	for k, o := range t.order {
		s := old[o]
		i := s.hash & mask
		for t.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
		t.order[k] = int32(i)
	}
}

// each calls fn with every term and its value, in the order they came.
func (t *termTable) each(fn func(term string, val uint32)) {
	for _, i := range t.order {
		fn(t.slots[i].term, t.slots[i].val)
	}
}

// len returns the number of terms.
func (t *termTable) len() int { return len(t.order) }

// reset empties the table, keeping its room; it lets go of the terms.
func (t *termTable) reset() {
	for _, i := range t.order {
		t.slots[i] = termSlot{}
	}
	t.order = t.order[:0]
}

// termHash is FNV-1a, never 0.
func termHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	if h == 0 {
		h = 1
	}
	return h
}
