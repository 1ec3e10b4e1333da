package domain

import "testing"

func TestTables(t *testing.T) {
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"provinces", len(Provinces()), 34},
		{"categories", len(Categories()), 12},
		{"activities", len(Activities()), 6},
		{"severities", len(Severities()), 4},
		{"statuses", len(Statuses()), 5},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	p, ok := ProvinceBySlug("ho-chi-minh")
	if !ok || p.Name != "Hồ Chí Minh" || !p.City || len(p.MergedFrom) != 2 {
		t.Errorf("ho-chi-minh = %+v, %v", p, ok)
	}
	if _, ok := ProvinceBySlug("ha-giang"); ok {
		t.Error("ha-giang merged into tuyen-quang and must not be a province")
	}
	if c, ok := Find(Categories(), "salary"); !ok || c.Label("en") != "Salary and allowances" {
		t.Errorf("salary = %+v", c)
	}
}
