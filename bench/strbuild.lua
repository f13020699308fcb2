-- strbuild: LuaJIT counterpart of strbuild.fl (same rounds, same checksum), with Lua's string
-- library (.. concatenation, gsub, upper, find with plain search, sub).
local function build_line(i, left)
  local acc = ""
  while left ~= 0 do
    acc = acc .. i .. ","
    i, left = i + 1, left - 1
  end
  return acc
end

local function split_count(s, d)
  local parts = {}
  for piece in (s .. d):gmatch("(.-)" .. d) do parts[#parts + 1] = piece end
  return #parts
end

local function round_stats(r)
  local line = build_line(r * 7, 100)
  local rep = line:gsub("7", "seven")
  local up = rep:upper()
  local parts = split_count(line, ",")
  local idx = (up:find("SEVEN", 1, true) or 0) - 1
  local back = up:sub(math.floor(#up / 2) + 1)
  return #up + parts + idx + #back
end

local n = tonumber(arg[1]) or 30000
local total = 0
for r = 0, n - 1 do total = total + round_stats(r) end
print(string.format("%d", total))
print((build_line(0, 20):gsub("7", "seven")):upper():sub(1, 40))
