package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store/textindex"
)

func testCalls(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	// Microseconds: PostgreSQL's resolution.
	base := time.Date(2025, 3, 1, 9, 30, 0, 123456000, time.FixedZone("CST", 8*3600))
	calls := []draft.Call{
		{Purpose: "section:党建", Model: "qwen-plus", Prompt: "system: 你是…\nuser: 写党建部分", Response: "一、加强党建…",
			PromptTokens: 812, CompletionTokens: 406, FinishReason: "stop", Latency: 2345 * time.Millisecond, CreatedAt: base},
		{Purpose: "repair:师资", Model: "qwen-plus", Prompt: "user: 修改", Error: "模型服务拒绝了 API 密钥",
			Latency: 80 * time.Millisecond, CreatedAt: base.Add(time.Minute)},
	}
	for i := range calls {
		id, err := db.LogCall(ctx, calls[i])
		if err != nil {
			t.Fatal(err)
		}
		calls[i].ID = id
		calls[i].CreatedAt = calls[i].CreatedAt.UTC()
	}
	for _, want := range calls {
		if got, err := db.Call(ctx, want.ID); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Call(%d) =\n %+v, %v\nwant %+v", want.ID, got, err, want)
		}
	}
	got, err := db.Calls(ctx, 0)
	if want := []draft.Call{calls[1], calls[0]}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Calls = %+v, %v; want newest first %+v", got, err, want)
	}
	if got, err = db.Calls(ctx, 1); err != nil || len(got) != 1 || got[0].ID != calls[1].ID {
		t.Fatalf("Calls(1) = %+v, %v", got, err)
	}
	before := time.Now()
	id, err := db.LogCall(ctx, draft.Call{Purpose: "outline"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := db.Call(ctx, id); err != nil || got.CreatedAt.Before(before.Add(-time.Second)) || got.CreatedAt.After(time.Now()) {
		t.Fatalf("Call = %+v, %v; want CreatedAt ≈ now", got, err)
	}
	if _, err := db.Call(ctx, 999); !errors.Is(err, textindex.ErrNotFound) {
		t.Fatalf("Call(999): %v; want ErrNotFound", err)
	}
}

// sampleRun is a run of two sections, the first to be written.
func sampleRun() draft.Run {
	return draft.Run{Title: "2024年工作总结", Mode: "offline", FactsName: "facts.yaml", FactsYAML: "org: 某县教育局\n",
		OutPath:  "out.docx",
		Template: draft.Template{ID: 3, Title: "模板", Kind: "summary", Sections: []draft.TemplateSection{{Level: 1, Marker: "一、", Heading: "党建", Category: "党建"}}},
		Sections: []draft.RunSection{
			{Seq: 0, Level: 1, Marker: "一、", Heading: "加强党建", Part: "summary", Category: "党建", Write: true, Status: "pending"},
			{Seq: 1, Level: 1, Marker: "二、", Heading: "存在问题", Part: "problems", Category: "问题", Status: "done", Text: "无"},
		}}
}

func testRuns(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	run := sampleRun()
	id, err := db.CreateRun(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	done := draft.RunSection{Seq: 0, Level: 1, Marker: "一、", Heading: "加强党建", Part: "summary", Category: "党建", Write: true, Status: "done", Text: "全年发展党员8人。"}
	if err := db.SaveRunSection(ctx, id, done); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveRunOpening(ctx, id, "2024年，我局……"); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetRun(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedAt.IsZero() || time.Since(got.CreatedAt) > time.Minute {
		t.Errorf("CreatedAt = %v; want now", got.CreatedAt)
	}
	run.ID, run.CreatedAt, run.Opening, run.Sections[0] = id, got.CreatedAt, "2024年，我局……", done
	if !reflect.DeepEqual(got, run) {
		t.Errorf("GetRun =\n %+v\nwant %+v", got, run)
	}
	if _, err := db.GetRun(ctx, id+100); !errors.Is(err, draft.ErrRunNotFound) {
		t.Errorf("GetRun of no run: %v; want ErrRunNotFound", err)
	}
}
