package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
)

func TestCalls(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	base := time.Date(2025, 3, 1, 9, 30, 0, 123456789, time.FixedZone("CST", 8*3600))
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

	t.Run("RoundTrip", func(t *testing.T) {
		for _, want := range calls {
			got, err := db.Call(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Call(%d) =\n %+v\nwant %+v", want.ID, got, want)
			}
		}
	})

	t.Run("NewestFirst", func(t *testing.T) {
		got, err := db.Calls(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := []draft.Call{calls[1], calls[0]}; !reflect.DeepEqual(got, want) {
			t.Fatalf("Calls = %+v; want %+v", got, want)
		}
		got, err = db.Calls(ctx, 1)
		if err != nil || len(got) != 1 || got[0].ID != calls[1].ID {
			t.Fatalf("Calls(1) = %+v, %v", got, err)
		}
	})

	t.Run("ZeroTimeIsNow", func(t *testing.T) {
		before := time.Now()
		id, err := db.LogCall(ctx, draft.Call{Purpose: "outline"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Call(ctx, id)
		if err != nil || got.CreatedAt.Before(before.Add(-time.Second)) || got.CreatedAt.After(time.Now()) {
			t.Fatalf("Call = %+v, %v; want CreatedAt ≈ now", got, err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := db.Call(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("err = %v; want ErrNotFound", err)
		}
	})
}
