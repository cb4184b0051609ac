--[[
briefmark.lua: a Pandoc Lua filter for briefs exported with `briefmark export`
(Briefmark's tags as Pandoc spans and divs: [text]{.claim src="k"}, ::: {.rec ...}).

  briefmark export brief.md | pandoc --citeproc --lua-filter briefmark.lua -o brief.docx
  briefmark export brief.md | pandoc --citeproc --lua-filter briefmark.lua -s -o brief.html

- DOCX: claims, actors and recommendations get custom styles ("Briefmark Claim",
  "Briefmark Actor", "Briefmark Recommendation", "Briefmark Recommendation Label") that a
  reference document (--reference-doc) can define; Word shows them as character and
  paragraph styles.
- HTML: the classes stay (claim, actor, rec), a small style sheet marks them, and a
  claim's sources become its tooltip.
- A recommendation's label (the span .rec-label) is set in bold.
- Clean publication: `-M briefmark-clean=true` drops every annotation: spans become their
  text, recommendation divs their content (the label stays, in bold), no attributes left.

Part of Briefmark (docs/cli.md, "briefmark export"). Needs Pandoc 2.11 or later.
]]

local clean = false
local TAGS = { claim = 'Briefmark Claim', actor = 'Briefmark Actor', rec = 'Briefmark Recommendation' }

local CSS = [[
<style>
.claim { border-bottom: 1px dotted #7a5c00; }
.actor { font-variant: small-caps; }
div.rec { border-left: 3px solid #2b6cb0; padding-left: 0.8em; margin: 1em 0; }
</style>
]]

local function tag_of(el)
  for _, c in ipairs(el.classes) do
    if TAGS[c] then return c end
  end
  return nil
end

function Meta(meta)
  clean = meta['briefmark-clean'] == true or pandoc.utils.stringify(meta['briefmark-clean'] or '') == 'true'
  if FORMAT:match('html') and not clean then
    local includes = meta['header-includes']
    local css = pandoc.MetaBlocks({ pandoc.RawBlock('html', CSS) })
    if includes == nil then
      meta['header-includes'] = pandoc.MetaList({ css })
    elseif includes.t == 'MetaList' or type(includes) == 'table' and includes[1] ~= nil then
      table.insert(includes, css)
    else
      meta['header-includes'] = pandoc.MetaList({ includes, css })
    end
  end
  return meta
end

function Span(el)
  if el.classes:includes('rec-label') then
    local strong = pandoc.Strong(el.content)
    if clean or not FORMAT:match('docx') then return strong end
    return pandoc.Span({ strong }, pandoc.Attr('', {}, { { 'custom-style', 'Briefmark Recommendation Label' } }))
  end
  local tag = tag_of(el)
  if not tag then return nil end
  if clean then return el.content end
  if FORMAT:match('docx') then
    return pandoc.Span(el.content, pandoc.Attr(el.identifier, el.classes, { { 'custom-style', TAGS[tag] } }))
  end
  if FORMAT:match('html') and el.attributes['src'] then
    -- `src` is an HTML attribute of other elements: on a span it is data.
    local src = el.attributes['src']
    el.attributes['src'] = nil
    el.attributes['data-src'] = src
    if tag == 'claim' then el.attributes['title'] = 'Sources: ' .. src end
  end
  return el
end

function Div(el)
  local tag = tag_of(el)
  if not tag then return nil end
  if clean then return el.content end
  if FORMAT:match('docx') then
    return pandoc.Div(el.content, pandoc.Attr(el.identifier, el.classes, { { 'custom-style', TAGS[tag] } }))
  end
  return el
end

-- Meta first, so that `clean` is known when spans and divs are visited.
return { { Meta = Meta }, { Span = Span, Div = Div } }
