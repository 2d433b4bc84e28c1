// Command fakellm is a stand-in OpenAI-compatible chat server for the browser
// test of `zongjie serve`. It answers a section prompt with the user's facts
// listed in it plus one invented figure (9350人), so the page has something
// to mark 【待核实】; a repair prompt the same way (the model "insists"); an
// opening prompt with a sentence without figures; a plan prompt with its
// tasks as 一是……二是…… plus the same invented figure. Answers stream as SSE in
// small pieces with a short pause, so sections visibly stream in.
//
//	fakellm -addr 127.0.0.1:0
//
// prints "FAKE_LLM_URL=http://127.0.0.1:PORT/v1" once it listens.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/zongjie/zongjie/llm/llmtest"
)

// Invented is the figure every section answer adds that no fact supports.
const Invented = "全年还组织各类培训惠及师生9350人。"

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	delay := flag.Duration("chunk-delay", 40*time.Millisecond, "pause between streamed pieces")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("FAKE_LLM_URL=http://%s/v1\n", ln.Addr())
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", func(w http.ResponseWriter, r *http.Request) { complete(w, r, *delay) })
	mux.HandleFunc("GET /v1/models", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": []any{map[string]string{"id": "fake-model", "object": "model"}}})
	})
	log.Fatal(http.Serve(ln, mux))
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// answer words the reply to the last user message.
func answer(prompt string) string {
	switch {
	case strings.Contains(prompt, "工作计划撰写"):
		var b strings.Builder
		b.WriteString("我局将坚持问题导向，")
		for i, t := range llmtest.PlanTasks(prompt) {
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString(numerals[i%len(numerals)] + "是" + strings.TrimRight(t, "。；"))
		}
		b.WriteString("。" + Invented)
		return b.String()
	case strings.Contains(prompt, "总述段"):
		return "一年来，在县委、县政府的坚强领导下，全县教育系统坚持立德树人根本任务，扎实推进各项工作，教育事业持续健康发展。现将有关情况报告如下。"
	case strings.Contains(prompt, "标题：") || strings.Contains(prompt, "【初稿】"):
		var b strings.Builder
		b.WriteString("我局坚持问题导向，扎实推进各项工作。")
		for _, f := range llmtest.Facts(prompt) {
			b.WriteString(strings.TrimRight(f, "。") + "。")
		}
		b.WriteString(Invented)
		return b.String()
	}
	return "各项工作稳步推进。"
}

var numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八"}

func complete(w http.ResponseWriter, r *http.Request, delay time.Duration) {
	var in struct {
		Model    string    `json:"model"`
		Messages []message `json:"messages"`
		Stream   bool      `json:"stream"`
		Options  *struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, `{"error":{"message":"bad json"}}`, http.StatusBadRequest)
		return
	}
	last := ""
	if n := len(in.Messages); n > 0 {
		last = in.Messages[n-1].Content
	}
	text := answer(last)
	usage := map[string]int{"prompt_tokens": len([]rune(last)), "completion_tokens": len([]rune(text)), "total_tokens": len([]rune(last)) + len([]rune(text))}
	if !in.Stream {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion", "created": time.Now().Unix(), "model": in.Model,
			"choices": []any{map[string]any{"index": 0, "message": message{"assistant", text}, "finish_reason": "stop"}},
			"usage":   usage,
		})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	flusher, _ := w.(http.Flusher)
	send := func(delta map[string]any, finish any) {
		b, _ := json.Marshal(map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": time.Now().Unix(), "model": in.Model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}},
		})
		fmt.Fprintf(w, "data: %s\n\n", b)
		if flusher != nil {
			flusher.Flush()
		}
	}
	send(map[string]any{"role": "assistant", "content": ""}, nil)
	rs := []rune(text)
	for i := 0; i < len(rs); i += 4 {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(delay):
		}
		send(map[string]any{"content": string(rs[i:min(i+4, len(rs))])}, nil)
	}
	send(map[string]any{}, "stop")
	if in.Options != nil && in.Options.IncludeUsage {
		b, _ := json.Marshal(map[string]any{"id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": in.Model, "choices": []any{}, "usage": usage})
		fmt.Fprintf(w, "data: %s\n\n", b)
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
	if flusher != nil {
		flusher.Flush()
	}
}
