package serve

import (
	"bytes"
	"html"
	"strings"
)

// reloadScript keeps open pages in step with the site: it reloads a page
// when its file changed, keeping the scroll position, and shows the errors
// of a failed rebuild over the page until they are fixed.
const reloadScript = `<script>(function(){
var key="gloss-scroll:"+location.pathname;
var y=sessionStorage.getItem(key);if(y!==null){sessionStorage.removeItem(key);addEventListener("load",function(){scrollTo(0,+y)});}
function file(){var p=location.pathname.replace(/^\//,"");return p===""||p.endsWith("/")?p+"index.html":p;}
function overlay(text){var o=document.getElementById("gloss-errors");
if(!text){if(o)o.remove();return;}
if(!o){o=document.createElement("div");o.id="gloss-errors";o.setAttribute("role","alert");
o.style.cssText="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#ffe9e6;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;border-top:4px solid #ff6b5b";
document.body.appendChild(o);}
o.textContent="gloss: the last rebuild failed; showing the last good site\n\n"+text;}
var es=new EventSource("/_gloss/events");
es.addEventListener("reload",function(e){var files=e.data.split("\n");
if(files.indexOf("*")>=0||files.indexOf(file())>=0){sessionStorage.setItem(key,String(scrollY));location.reload();}else{overlay("");}});
es.addEventListener("errors",function(e){overlay(e.data);});
%ERRORS%})();</script>`

// inject adds the reload script (and the current errors) to a page.
func inject(page []byte, errors string) []byte {
	script := reloadScript
	if errors != "" {
		script = strings.Replace(script, "%ERRORS%", "addEventListener(\"DOMContentLoaded\",function(){overlay(document.getElementById(\"gloss-errors-text\").textContent)});", 1)
		script = `<template id="gloss-errors-text">` + html.EscapeString(errors) + `</template>` + script
	} else {
		script = strings.Replace(script, "%ERRORS%", "", 1)
	}
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page[:len(page):len(page)], script...)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}
