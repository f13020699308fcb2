-- wordfreq: LuaJIT counterpart of wordfreq.fl: the same generated text (same LCG, same draws;
-- the product is split so that it stays exact in doubles), lines joined with table.concat, split
-- with gmatch, counted in a table.
local seed = 12345

local function random_below(n)
  -- seed * 1103515245 + 12345 mod 2^31, with 1103515245 = 16838 * 65536 + 20077
  seed = (seed * 20077 + ((seed * 16838) % 32768) * 65536 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end

local letters = "etaoinsh"

local function random_word()
  local k = 1 + random_below(4)
  local chars = {}
  for i = 1, k do
    local j = random_below(8) + 1
    chars[i] = letters:sub(j, j)
  end
  return table.concat(chars)
end

local lines, words = tonumber(arg[1]) or 1000, tonumber(arg[2]) or 10000
local counts, distinct, total = {}, 0, 0
for _ = 1, lines do
  local ws = {}
  for i = 1, words do ws[i] = random_word() end
  local line = table.concat(ws, " ")
  for w in line:gmatch("[^ ]+") do
    local c = counts[w]
    if not c then distinct = distinct + 1 end
    counts[w] = (c or 0) + 1
    total = total + 1
  end
end
local entries = {}
for w, c in pairs(counts) do entries[#entries + 1] = { w, c } end
table.sort(entries, function(a, b)
  if a[2] ~= b[2] then return a[2] > b[2] end
  return a[1] < b[1]
end)
print(string.format("words: %d distinct: %d", total, distinct))
for i = 1, math.min(10, #entries) do print(string.format("%s %d", entries[i][1], entries[i][2])) end
